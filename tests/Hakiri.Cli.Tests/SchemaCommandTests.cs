using Hakiri.Manifest;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

public sealed class SchemaCommandTests
{
    [Fact]
    public async Task Export_Manifest_PrintsTheSchema()
    {
        var result = await CliRunner.RunAsync("schema", "export", "manifest");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ManifestSchemas.Project(), result.Stdout);
    }

    [Fact]
    public async Task Export_ConnectorToFile_WritesTheSchema()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("connector.schema.json");

        var result = await CliRunner.RunAsync("schema", "export", "connector", "-o", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ManifestSchemas.Connector(), File.ReadAllText(path));
    }

    [Fact]
    public async Task Export_UnwritablePath_ExitsTwo()
    {
        var result = await CliRunner.RunAsync("schema", "export", "manifest", "-o", "/nonexistent-dir/x.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write the schema", result.Stderr, StringComparison.Ordinal);
    }
}
