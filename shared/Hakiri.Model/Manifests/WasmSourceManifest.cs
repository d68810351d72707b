namespace Hakiri.Model.Manifests;

/// <summary>A <c>[connectors.NAME]</c> table of <c>hakiri.toml</c>: a WebAssembly connector the project may use, and what it grants it.</summary>
/// <param name="Name">The name pipelines refer to it by (the table's key).</param>
/// <param name="Directory">The absolute folder holding its <c>connector.toml</c>.</param>
/// <param name="Manifest">Its loaded <c>connector.toml</c>.</param>
/// <param name="Granted">
/// What the project grants it; covers every capability <see cref="ConnectorManifest.Capabilities"/> asks for, or the
/// project does not load.
/// </param>
public sealed record ConnectorReference(string Name, string Directory, ConnectorManifest Manifest, ConnectorCapabilities Granted)
{
    /// <summary><c>NAME@VERSION</c> of the connector as its manifest names it, for provenance.</summary>
    public string Identity => $"{Manifest.Name}@{Manifest.Version}";
}

/// <summary>A pipeline source read by a declared WebAssembly connector (<c>connector = "NAME"</c> naming a <c>[connectors.NAME]</c> table).</summary>
/// <param name="Reference">The declared connector.</param>
/// <param name="Config">
/// Every other key of the source table, as the connector's config: strings as they are; integers, floats, booleans and
/// dates as their TOML text; arrays and tables as JSON.
/// </param>
public sealed record WasmSourceManifest(ConnectorReference Reference, IReadOnlyDictionary<string, string> Config) : SourceManifest
{
    /// <inheritdoc />
    public override string Connector => Reference.Name;
}
