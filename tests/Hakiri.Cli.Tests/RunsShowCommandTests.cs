using System.Security.Cryptography;
using Hakiri.Cli.Tests.Wasm;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests;

[Collection(WasmGuestsCollection.Name)]
public sealed class RunsShowCommandTests(WasmGuestsFixture guests)
{
    [Fact]
    public async Task RunsShow_RunOfAWasmSource_PrintsConnectorVersionHashAndGrants()
    {
        await using var api = await ItemsApi.StartAsync(12);
        using var dir = new TempDirectory();
        var folder = await guests.CopyIntoAsync(dir, "c", "items", "payroll",
            toml => toml.Replace("name = \"items\"", "name = \"payroll-api\"", StringComparison.Ordinal).Replace("version = \"0.1.0\"", "version = \"1.2.0\"", StringComparison.Ordinal));
        var manifest = dir.Write("hakiri.toml",
            $"[project]\nname = \"p\"\n[connectors.payroll]\npath = \"connectors/payroll\"\ngrant = [\"http:127.0.0.1\", \"env:ITEMS_TOKEN\"]\n" +
            $"[pipelines.staff.source]\nconnector = \"payroll\"\nbase_url = \"{api.BaseUrl}\"\n");

        var run = await CliRunner.RunAsync("run", "-m", manifest);
        Assert.True(run.ExitCode == 0, run.ToString());
        var shown = await CliRunner.RunAsync("runs", "show", OnlyRun(dir), "-m", manifest);

        Assert.True(shown.ExitCode == 0, shown.ToString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "items.wasm"))));
        Assert.Contains($"pipeline staff: wasm connector payroll-api@1.2.0, sha256 {sha}, grants http:127.0.0.1, env:ITEMS_TOKEN", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains(": succeeded,", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("12 rows written", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsShow_RunWhoseModuleIsNoConnector_FailsYetNamesTheBytesThatWereLoaded()
    {
        using var dir = new TempDirectory();
        dir.Write("connectors/payroll/connector.toml",
            "name = \"payroll-api\"\nversion = \"1.2.0\"\nkind = \"source\"\nwasm = \"payroll.wasm\"\n[capabilities]\nenv = [\"PAYROLL_TOKEN\"]\n");
        byte[] wasm = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        File.WriteAllBytes(dir.Combine("connectors", "payroll", "payroll.wasm"), wasm);
        var manifest = dir.Write("hakiri.toml",
            "[project]\nname = \"p\"\n[connectors.payroll]\npath = \"connectors/payroll\"\ngrant = [\"env:PAYROLL_TOKEN\"]\n[pipelines.staff.source]\nconnector = \"payroll\"\n");

        // An empty module: the provenance is recorded before the connector loads, and the load fails with a sentence.
        var run = await CliRunner.RunAsync("run", "-m", manifest);
        var shown = await CliRunner.RunAsync("runs", "show", OnlyRun(dir), "-m", manifest);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(NoConnectorSentence, run.Stderr, StringComparison.Ordinal);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains($"error: Hakiri.Permanent: {NoConnectorSentence}", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            $"pipeline staff: wasm connector payroll-api@1.2.0, sha256 {Convert.ToHexStringLower(SHA256.HashData(wasm))}, grants env:PAYROLL_TOKEN",
            shown.Stdout, StringComparison.Ordinal);
    }

    private const string NoConnectorSentence =
        "discover failed: connector payroll-api does not export hakiri:connector/source@0.1.0#discover, hakiri:connector/source@0.1.0#open, " +
        "hakiri:connector/source@0.1.0#acknowledge, hakiri:connector/source@0.1.0#[method]read-handle.next, memory and cabi_realloc: " +
        "build it for wit/connector.wit's source-connector world.";

    private static string OnlyRun(TempDirectory dir)
    {
        using var catalog = CatalogDatabase.Open(new StoreLayout(dir.Combine(".hakiri")));
        return Assert.Single(catalog.ListRuns()).RunId;
    }
}
