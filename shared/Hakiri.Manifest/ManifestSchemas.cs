using Hakiri.Manifest.Schema;

namespace Hakiri.Manifest;

/// <summary>JSON Schemas (draft 2020-12) of the manifests, generated from the same shapes the validator checks.</summary>
public static class ManifestSchemas
{
    /// <summary>The schema of <c>hakiri.toml</c>, as JSON.</summary>
    public static string Project() => JsonSchemaWriter.Write(ManifestShapes.Root, "urn:hakiri:schema:manifest:0.1", "Hakiri project manifest (hakiri.toml)");

    /// <summary>The schema of <c>connector.toml</c>, as JSON.</summary>
    public static string Connector() => JsonSchemaWriter.Write(ConnectorShapes.Root, "urn:hakiri:schema:connector:0.1", "Hakiri connector manifest (connector.toml)");
}
