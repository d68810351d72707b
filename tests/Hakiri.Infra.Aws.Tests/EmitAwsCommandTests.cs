using System.IO.Compression;
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
    public async Task EmitAws_Quickstart_WritesTheStackTemplate()
    {
        var zip = _dir.Combine("functions.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntry("bootstrap");
        }

        var result = await HakiriAsync("--asset", zip, "--stage", "moto", "--no-mcp-url-output");
        Assert.True(result.ExitCode == 0, result.ToString());
        var template = File.ReadAllText(_dir.Combine("out", "hakiri-quickstart-moto.template.json"));
        Assert.Contains("AWS::StepFunctions::StateMachine", template, StringComparison.Ordinal);
        Assert.DoesNotContain("McpUrl", template, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> HakiriAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(
            "dotnet",
            [Cli, "emit", "aws", "-m", RepoPaths.Of("samples", "quickstart", "hakiri.toml"), "-o", _dir.Combine("out"), .. arguments],
            timeout: TimeSpan.FromMinutes(3));
}
