namespace Hakiri.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData]
    [InlineData("validate")]
    [InlineData("schema")]
    [InlineData("schema", "export")]
    [InlineData("init")]
    public async Task Help_EveryCommand_PrintsUsageAndExitsZero(params string[] command)
    {
        var result = await CliRunner.RunAsync([.. command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_WithoutACommitProperty_PrintsTheProductVersionAndUnknown()
    {
        var result = await CliRunner.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0.1.0+unknown", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("validate", "--no-such-option")]
    [InlineData("schema", "export", "pipeline")]
    [InlineData("validate", "--kind", "nonsense")]
    public async Task BadUsage_ExitsTwoWithAHint(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help' for usage.", result.Stderr, StringComparison.Ordinal);
    }
}
