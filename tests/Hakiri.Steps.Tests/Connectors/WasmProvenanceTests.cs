using System.Security.Cryptography;
using Hakiri.Connectors;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Store.Catalog;
using Microsoft.Data.Sqlite;

namespace Hakiri.Steps.Tests.Connectors;

/// <summary>The discover step records which WebAssembly connector (name, version, component hash, grants) a run loads.</summary>
public sealed class WasmProvenanceTests : IDisposable
{
    private const string Manifest = """
        [project]
        name = "p"
        [connectors.payroll]
        path = "connectors/payroll"
        grant = ["http:*.internal.example", "env:PAYROLL_TOKEN"]
        [pipelines.staff.source]
        connector = "payroll"
        company = "acme"
        """;

    private const string ConnectorToml = """
        name = "payroll-api"
        version = "1.2.0"
        kind = "source"
        wasm = "build/payroll.wasm"
        [capabilities]
        http = ["payroll.internal.example"]
        env = ["PAYROLL_TOKEN"]
        """;

    private static readonly byte[] Wasm = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0xff];

    private readonly TestProject _project = new(Manifest);

    public WasmProvenanceTests() => _project.Write("connectors/payroll/connector.toml", ConnectorToml);

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Discover_HostWithoutWasmRuntime_FailsPermanentlyAfterRecordingNameVersionHashAndGrants()
    {
        File.WriteAllBytes(_project.Write("connectors/payroll/build/payroll.wasm", string.Empty), Wasm);

        // These steps run with no WebAssembly runtime (a host that does not set ConnectorServices.Wasm): discover fails with that sentence,
        // after the provenance is recorded. A run that loads a real guest is in Hakiri.Cli.Tests (RunsShowCommandTests).
        var error = await Assert.ThrowsAsync<StepFailedException>(() => DiscoverStep.RunAsync(Context(), new DiscoverInput("r1", [])));

        Assert.Equal(StepErrors.Permanent, error.ErrorName);
        Assert.Equal(
            "pipeline 'staff' reads the WebAssembly connector 'payroll', and this host does not run WebAssembly connectors " +
            "(it was started without Wasmtime): run the pipeline with 'hakiri run' or in the deployed functions, which carry it.",
            error.Message);

        // Read with SQLite itself: the table and its columns are a public format.
        using var connection = new SqliteConnection($"Data Source={_project.Layout.CatalogPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, pipeline, connector, version, wasm_sha256, grants FROM run_connectors";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(
            ("r1", "staff", "payroll-api", "1.2.0", Convert.ToHexString(SHA256.HashData(Wasm)).ToLowerInvariant(), "[\"http:*.internal.example\",\"env:PAYROLL_TOKEN\"]"),
            (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Discover_WasmFileMissing_FailsPermanentlyNamingFileAndBuildCommand()
    {
        var error = await Assert.ThrowsAsync<StepFailedException>(() => DiscoverStep.RunAsync(Context(), new DiscoverInput("r1", [])));

        Assert.Equal(StepErrors.Permanent, error.ErrorName);
        Assert.Contains(Path.Combine(_project.Root, "connectors", "payroll", "build", "payroll.wasm"), error.Message, StringComparison.Ordinal);
        Assert.Contains("'hakiri connector build'", error.Message, StringComparison.Ordinal);
        using var catalog = _project.Catalog();
        Assert.Empty(catalog.GetRunConnectors("r1"));
    }

    [Fact]
    public void RecordRunConnector_Twice_ReplacesTheRow()
    {
        using var catalog = _project.Catalog();

        catalog.RecordRunConnector("r1", new RunConnectorRecord("staff", "payroll-api", "1.2.0", "aa", ["clock"]));
        catalog.RecordRunConnector("r1", new RunConnectorRecord("staff", "payroll-api", "1.2.1", "bb", ["clock", "env:X"]));

        var row = Assert.Single(catalog.GetRunConnectors("r1"));
        Assert.Equal(("staff", "payroll-api", "1.2.1", "bb"), (row.Pipeline, row.Connector, row.Version, row.WasmSha256));
        Assert.Equal(["clock", "env:X"], row.Grants);
        Assert.Empty(catalog.GetRunConnectors("r2"));
    }

    [Fact]
    public void Open_CatalogFromBeforeRunConnectors_GainsTheTable()
    {
        using (var catalog = _project.Catalog())
        {
            catalog.BeginRun("r0", "p", ["staff"]);
        }

        using (var connection = new SqliteConnection($"Data Source={_project.Layout.CatalogPath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE run_connectors";
            drop.ExecuteNonQuery();
        }

        using var reopened = _project.Catalog();
        reopened.RecordRunConnector("r1", new RunConnectorRecord("staff", "payroll-api", "1.2.0", "aa", []));

        Assert.Single(reopened.GetRunConnectors("r1"));
        Assert.NotNull(reopened.GetRun("r0"));
    }

    [Fact]
    public void Lineage_WasmSource_NamesConnectorAndVersion()
    {
        var pipeline = _project.Manifest().Pipelines[0];

        Assert.Equal("wasm:payroll-api@1.2.0", SourceConnectors.Lineage(pipeline));
        Assert.Equal(["PAYROLL_TOKEN"], SourceConnectors.SecretVariables(pipeline));
    }

    private StepContext Context() => new(_project.Manifest(), _project.Layout, options: _project.Options);
}
