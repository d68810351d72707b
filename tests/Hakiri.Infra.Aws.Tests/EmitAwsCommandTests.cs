using System.IO.Compression;
using Hakiri.Emit.Aws;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests;

/// <summary><c>hakiri emit aws</c> end to end: the AOT-safe CLI finds and runs the CDK app as its own process.</summary>
public sealed class EmitAwsCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string Cli => RepoPaths.Of("functions", "Hakiri.Cli", "bin", "Debug", "net9.0", "hakiri.dll");

    [Fact]
    public async Task EmitAws_MissingLambdaPackage_ExitsTwoWithASentence()
    {
        var result = await HakiriAsync("--asset", _dir.Combine("missing.zip"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the Lambda package does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmitAws_LambdaPackageWithoutItsDuckDbLayer_ExitsTwoWithASentence()
    {
        var zip = StandInLambdaPackage.Write(_dir.Combine("functions.zip"));
        File.Delete(DuckDbLayer.Beside(zip));

        var result = await HakiriAsync("--asset", zip);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hakiri-duckdb-layer.zip: error: the DuckDB layer does not exist beside the Lambda package", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public async Task EmitAws_Quickstart_WritesTheStackTemplate()
    {
        var zip = StandInLambdaPackage.Write(_dir.Combine("functions.zip"));

        var result = await HakiriAsync("--asset", zip, "--stage", "moto", "--no-mcp-url-output");
        Assert.True(result.ExitCode == 0, result.ToString());
        var template = File.ReadAllText(_dir.Combine("out", "hakiri-quickstart-moto.template.json"));
        Assert.Contains("AWS::StepFunctions::StateMachine", template, StringComparison.Ordinal);
        Assert.DoesNotContain("McpUrl", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmitAws_BundlesTheManifest_Deterministically()
    {
        var zip = StandInLambdaPackage.Write(_dir.Combine("functions.zip"), ("hakiri.toml", "# a manifest from an earlier package\n"));

        var first = await HakiriAsync("--asset", zip);
        Assert.True(first.ExitCode == 0, first.ToString());
        // Two assets: the function zip with the manifest added, and the DuckDB layer as package-aws.sh wrote it.
        var assets = Directory.GetFiles(_dir.Combine("out"), "asset.*.zip");
        Assert.Equal(2, assets.Length);
        var layer = Assert.Single(assets, a => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(DuckDbLayer.Beside(zip))));
        var asset = Assert.Single(assets, a => a != layer);
        using (var archive = ZipFile.OpenRead(asset))
        {
            using var reader = new StreamReader(archive.GetEntry("hakiri.toml")!.Open());
            Assert.Equal(File.ReadAllText(RepoPaths.Of("samples", "quickstart", "hakiri.toml")), reader.ReadToEnd());
            Assert.Equal(2, archive.Entries.Count);
        }

        Directory.Delete(_dir.Combine("out"), recursive: true);
        var second = await HakiriAsync("--asset", zip);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(new[] { Path.GetFileName(asset), Path.GetFileName(layer) }.Order(StringComparer.Ordinal), Directory.GetFiles(_dir.Combine("out"), "asset.*.zip").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EmitAws_PackageThatIsNotAZip_ExitsTwoWithASentence()
    {
        var zip = StandInLambdaPackage.Write(_dir.Combine("functions.zip"));
        File.WriteAllText(zip, "not a zip");
        var result = await HakiriAsync("--asset", zip);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot add the manifest and its connectors to the Lambda package", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> HakiriAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(
            "dotnet",
            [Cli, "emit", "aws", "-m", RepoPaths.Of("samples", "quickstart", "hakiri.toml"), "-o", _dir.Combine("out"), .. arguments],
            timeout: TimeSpan.FromMinutes(3));
}
