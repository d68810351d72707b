using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>
/// What a deployed host cannot run is refused before anything is synthesized or created: s3 sources on Azure, and a
/// WebAssembly connector the package cannot carry (not built, or outside the manifest's folder), on AWS and Azure. The endpoint given is a closed loopback port, so any call would fail
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
    [InlineData("deploy")]
    [InlineData("emit")]
    [InlineData("deploy-azure")]
    public async Task WebAssemblyConnectorNotBuilt_ExitsTwoSayingHowToBuildIt(string verb)
    {
        // The package carries the connector's module (ADR 0032): there is none to carry yet.
        using var dir = new TempDirectory();
        var manifest = WasmProject(dir, "connectors/items");

        var result = await HakiriProcess.RunAsync(Command(verb, manifest));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(
            $"{dir.Combine("connectors", "items", "connector.toml")}: error: connector 'items' has no module at {dir.Combine("connectors", "items", "items.wasm")} " +
            $"— build it with 'hakiri connector build {dir.Combine("connectors", "items")}' before deploying",
            result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("emit")]
    [InlineData("deploy-azure")]
    public async Task WebAssemblyConnectorOutsideTheManifestsFolder_ExitsTwoNamingIt(string verb)
    {
        // The functions get the manifest's folder (/var/task on Lambda), so a connector beside it would not be there.
        using var dir = new TempDirectory();
        var manifest = WasmProject(dir, "../shared/items", project: "project");
        File.WriteAllBytes(dir.Combine("shared", "items", "items.wasm"), [0x00, 0x61, 0x73, 0x6d]);

        var result = await HakiriProcess.RunAsync(Command(verb, manifest));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(
            $"{manifest}: error: connector 'items' is in {dir.Combine("shared", "items")}, outside the manifest's folder {dir.Combine("project")}, " +
            "and the deployed functions get only that folder — move the connector under it (e.g. connectors/items) and point [connectors.items] path there",
            result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Command(string verb, string manifest) => verb switch
    {
        "deploy" => ["deploy", "aws", "-m", manifest, "--plan", "--endpoint-url", ClosedEndpoint],
        "deploy-azure" => ["deploy", "azure", "-m", manifest, "--plan", "--endpoint-url", ClosedEndpoint, "--subscription", "0b1f6471-1bf0-4dda-aec3-111122223333", "--location", "westeurope"],
        _ => ["emit", "aws", "-m", manifest, "-o", Path.Combine(Path.GetDirectoryName(manifest)!, "cdk.out")],
    };

    // A project whose pipeline reads the C items guest's connector.toml at connectorPath (relative to the manifest).
    private static string WasmProject(TempDirectory dir, string connectorPath, string project = ".")
    {
        var connector = Path.GetFullPath(Path.Combine(dir.Combine(project), connectorPath));
        Directory.CreateDirectory(connector);
        File.Copy(RepoPaths.Of("tests", "guests", "c", "items", "connector.toml"), Path.Combine(connector, "connector.toml"));
        return dir.Write(project == "." ? "hakiri.toml" : Path.Combine(project, "hakiri.toml"), $$"""
            [project]
            name = "wasm-deploy"

            [connectors.items]
            path = "{{connectorPath}}"
            grant = ["http:127.0.0.1", "env:ITEMS_TOKEN"]

            [pipelines.items.source]
            connector = "items"
            base_url = "http://127.0.0.1:9"
            """);
    }
}
