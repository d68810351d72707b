using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

public sealed class EmitAzureCommandTests
{
    [Fact]
    public async Task EmitAzure_Quickstart_WritesTheModuleItsCompiledFormAndTheParameters()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("nested", "azure");

        var result = await CliRunner.RunAsync("emit", "azure", "-m", RepoPaths.Of("samples", "quickstart", "hakiri.toml"), "-o", output, "--stage", "prod");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllText(RepoPaths.Of("infra", "azure", "main.bicep")), File.ReadAllText(Path.Combine(output, "main.bicep")));
        Assert.Equal(File.ReadAllText(RepoPaths.Of("infra", "azure", "main.json")), File.ReadAllText(Path.Combine(output, "main.json")));
        var parameters = File.ReadAllText(Path.Combine(output, "main.parameters.json"));
        Assert.Contains("\"value\": \"prod\"", parameters, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(output, "main.parameters.json")}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("store azblob://store/quickstart", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("schedule orders: rate(1 hour) -> 0 0 */1 * * *", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmitAzure_ScheduleWithoutNcrontabEquivalent_ExitsTwoWithALocatedSentenceAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", "[project]\nname = \"p\"\n\n[pipelines.a]\nschedule = \"cron(0 12 ? * MON#1 *)\"\n[pipelines.a.source]\nconnector = \"file\"\npath = \"*.csv\"\nformat = \"csv\"\n");

        var result = await CliRunner.RunAsync("emit", "azure", "-m", manifest, "-o", dir.Combine("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{manifest}:5:1: error: 'schedule' in [pipelines.a] cannot run on Azure", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("— list the days instead", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task EmitAzure_BadStage_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync("emit", "azure", "-m", RepoPaths.Of("samples", "quickstart", "hakiri.toml"), "-o", dir.Combine("out"), "--stage", "Prod_1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--stage: error: the stage 'Prod_1' cannot be part of Azure resource names", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task EmitHelp_ListsAzure()
    {
        var result = await CliRunner.RunAsync("emit", "--help");

        Assert.Contains("azure", result.Stdout, StringComparison.Ordinal);
    }
}
