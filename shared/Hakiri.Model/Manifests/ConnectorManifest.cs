namespace Hakiri.Model.Manifests;

/// <summary>A parsed and validated <c>connector.toml</c>: a WebAssembly connector and what it may touch.</summary>
/// <param name="Name">The connector's name, as pipelines refer to it.</param>
/// <param name="Version">The connector's semantic version.</param>
/// <param name="Kind">Whether it reads (source) or writes (destination) records.</param>
/// <param name="Wasm">The component file, relative to the connector manifest unless absolute.</param>
/// <param name="Description">What the connector does; may be empty.</param>
/// <param name="Capabilities">What the sandbox grants the component.</param>
/// <param name="ManifestPath">The absolute path of the connector manifest.</param>
public sealed record ConnectorManifest(
    string Name,
    string Version,
    ConnectorKind Kind,
    string Wasm,
    string Description,
    ConnectorCapabilities Capabilities,
    string ManifestPath);

/// <summary>The two WIT worlds a connector may implement.</summary>
public enum ConnectorKind
{
    /// <summary>Implements the <c>source</c> world: pulls records.</summary>
    Source,

    /// <summary>Implements the <c>destination</c> world: receives records.</summary>
    Destination,
}

/// <summary>The capabilities granted to a connector's sandbox. Everything not granted is denied.</summary>
/// <param name="HttpHosts">Host patterns the component may call (<c>api.example.com</c>, <c>*.example.com</c>, optionally <c>:port</c>).</param>
/// <param name="Environment">Environment variables the component may read.</param>
/// <param name="Clock">Whether the component may read the wall clock.</param>
/// <param name="Limits">Resource limits per invocation.</param>
public sealed record ConnectorCapabilities(
    IReadOnlyList<HostPattern> HttpHosts,
    IReadOnlyList<string> Environment,
    bool Clock,
    ConnectorLimits Limits);

/// <summary>Resource limits per connector invocation.</summary>
/// <param name="MemoryMegabytes">Maximum linear memory.</param>
/// <param name="TimeoutSeconds">Maximum wall time of one call.</param>
/// <param name="MaxHttpRequests">Maximum outgoing HTTP requests per call.</param>
public sealed record ConnectorLimits(int MemoryMegabytes, int TimeoutSeconds, int MaxHttpRequests)
{
    /// <summary>The limits applied when a manifest sets none.</summary>
    public static ConnectorLimits Default { get; } = new(64, 60, 100);
}
