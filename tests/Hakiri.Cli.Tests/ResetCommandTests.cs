using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary><c>hakiri reset</c>: bad input exits 2 and touches nothing; its happy path is in PostgresCdcTests (dropped slot).</summary>
public sealed class ResetCommandTests
{
    [Fact]
    public async Task Reset_FilePipeline_ExitsTwoSayingFilesHaveNoCursor()
    {
        using var dir = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("reset", "orders", "-m", dir.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pipeline 'orders' reads files, which have no cursor to reset", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine(".hakiri", "catalog.sqlite")));
    }

    [Fact]
    public async Task Reset_UnknownPipeline_ExitsTwoNamingThePipelines()
    {
        using var dir = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("reset", "nope", "-m", dir.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no pipeline named 'nope' — the manifest has orders, customers, products", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_NoPipelineGiven_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("reset");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hakiri reset --help", result.Stderr, StringComparison.Ordinal);
    }
}
