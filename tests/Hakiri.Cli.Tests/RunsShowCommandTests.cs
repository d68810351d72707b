using System.Security.Cryptography;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

public sealed class RunsShowCommandTests
{
    [Fact]
    public async Task RunsShow_RunOfAWasmSource_PrintsConnectorVersionHashAndGrants()
    {
        using var dir = new TempDirectory();
        dir.Write("connectors/payroll/connector.toml",
            "name = \"payroll-api\"\nversion = \"1.2.0\"\nkind = \"source\"\nwasm = \"payroll.wasm\"\n[capabilities]\nenv = [\"PAYROLL_TOKEN\"]\n");
        byte[] wasm = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        File.WriteAllBytes(dir.Combine("connectors", "payroll", "payroll.wasm"), wasm);
        var manifest = dir.Write("hakiri.toml",
            "[project]\nname = \"p\"\n[connectors.payroll]\npath = \"connectors/payroll\"\ngrant = [\"env:PAYROLL_TOKEN\"]\n[pipelines.staff.source]\nconnector = \"payroll\"\n");

        // Whether the run gets further than discover depends on the component (these bytes are no connector); the
        // provenance is recorded before the connector runs either way.
        await CliRunner.RunAsync("run", "-m", manifest);
        string runId;
        using (var catalog = CatalogDatabase.Open(new StoreLayout(dir.Combine(".hakiri"))))
        {
            runId = Assert.Single(catalog.ListRuns()).RunId;
        }

        var shown = await CliRunner.RunAsync("runs", "show", runId, "-m", manifest);

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains(
            $"pipeline staff: wasm connector payroll-api@1.2.0, sha256 {Convert.ToHexString(SHA256.HashData(wasm)).ToLowerInvariant()}, grants env:PAYROLL_TOKEN",
            shown.Stdout, StringComparison.Ordinal);
    }
}
