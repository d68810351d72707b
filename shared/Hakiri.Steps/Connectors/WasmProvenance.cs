using System.Security.Cryptography;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Connectors;

/// <summary>
/// Records in the catalog which WebAssembly connector a run's pipeline loads: its name, version, the SHA-256 of its
/// component file and what the project granted it — so a run's rows can be traced to the exact code that pulled them.
/// </summary>
internal static class WasmProvenance
{
    public static RunConnectorRecord Record(CatalogDatabase catalog, string runId, PipelineManifest pipeline, WasmSourceManifest source)
    {
        var connector = source.Reference.Manifest;
        var record = new RunConnectorRecord(pipeline.Name, connector.Name, connector.Version, Sha256Of(connector.WasmPath, source, pipeline),
            source.Reference.Granted.ToGrants());
        catalog.RecordRunConnector(runId, record);
        return record;
    }

    private static string Sha256Of(string path, WasmSourceManifest source, PipelineManifest pipeline)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StepFailedException(StepErrors.Permanent,
                $"The WebAssembly file {path} of connector '{source.Reference.Name}' (pipeline '{pipeline.Name}') does not exist; "
                + $"build it with 'hakiri connector build' in {source.Reference.Directory} and run again.", e);
        }
    }
}
