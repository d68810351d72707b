using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>
/// What a deployed host cannot run is refused before anything is synthesized or created: WebAssembly connectors on
/// AWS and Azure, s3 sources on Azure. The endpoint given is a closed loopback port, so any call would fail
/// differently (and later) than the refusal.
/// </summary>
public sealed class DeployablePipelinesTests
{
    private const string ClosedEndpoint = "http://127.0.0.1:9";

    [Fact]
    public async Task DeployAzure_S3Source_ExitsTwoNamingThePipeline()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", """
            [project]
            name = "exports"

            [pipelines.events.source]
            connector = "s3"
            bucket = "acme-exports"
            prefix = "events/"
            format = "ndjson"
            """);

        var result = await HakiriProcess.RunAsync("deploy", "azure", "-m", manifest, "--plan", "--endpoint-url", ClosedEndpoint,
            "--subscription", "0b1f6471-1bf0-4dda-aec3-111122223333", "--location", "westeurope");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{manifest}: error: pipeline 'events' reads an s3 source, and the Azure function app does not read s3 sources in this version", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azure", "the Azure function app does")]
    [InlineData("aws", "the Lambda functions do")]
    public async Task Deploy_WebAssemblyConnector_ExitsTwoNamingThePipeline(string cloud, string host)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("connectors", "items"));
        File.Copy(RepoPaths.Of("tests", "guests", "c", "items", "connector.toml"), dir.Combine("connectors", "items", "connector.toml"));
        var manifest = dir.Write("hakiri.toml", """
            [project]
            name = "wasm-deploy"

            [connectors.items]
            path = "connectors/items"
            grant = ["http:127.0.0.1", "env:ITEMS_TOKEN"]

            [pipelines.items.source]
            connector = "items"
            base_url = "http://127.0.0.1:9"
            """);

        var result = await HakiriProcess.RunAsync("deploy", cloud, "-m", manifest, "--plan", "--endpoint-url", ClosedEndpoint);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"pipeline 'items' reads the WebAssembly connector 'items', and {host} not run WebAssembly connectors in this version", result.Stderr, StringComparison.Ordinal);
    }
}
