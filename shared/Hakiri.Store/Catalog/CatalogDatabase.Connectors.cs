namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    /// <summary>Records which WebAssembly connector a run's pipeline loaded; recording it again (a retried step) replaces it.</summary>
    public void RecordRunConnector(string runId, RunConnectorRecord connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        using var command = Command(
            "INSERT OR REPLACE INTO run_connectors(run_id, pipeline, connector, version, wasm_sha256, grants) VALUES ($run, $pipeline, $connector, $version, $sha, $grants)",
            null, ("$run", runId), ("$pipeline", connector.Pipeline), ("$connector", connector.Connector), ("$version", connector.Version),
            ("$sha", connector.WasmSha256), ("$grants", ToJson(connector.Grants)));
        command.ExecuteNonQuery();
    }

    /// <summary>The WebAssembly connectors a run loaded, by pipeline name.</summary>
    public IReadOnlyList<RunConnectorRecord> GetRunConnectors(string runId)
    {
        using var command = Command(
            "SELECT pipeline, connector, version, wasm_sha256, grants FROM run_connectors WHERE run_id = $run ORDER BY pipeline", null, ("$run", runId));
        using var reader = command.ExecuteReader();
        var connectors = new List<RunConnectorRecord>();
        while (reader.Read())
        {
            connectors.Add(new RunConnectorRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), StringsFromJson(reader.GetString(4))));
        }

        return connectors;
    }
}
