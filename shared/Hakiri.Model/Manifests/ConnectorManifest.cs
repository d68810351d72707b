namespace Hakiri.Model.Manifests;

/// <summary>A parsed and validated <c>connector.toml</c>: a WebAssembly connector, what it asks to touch and its limits.</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Version">The connector's semantic version.</param>
/// <param name="Kind">Whether it reads (source) or writes (destination) records.</param>
/// <param name="Wasm">The component file, relative to the connector manifest unless absolute; it may not exist yet.</param>
/// <param name="Description">What the connector does; may be empty.</param>
/// <param name="Capabilities">What the connector asks its sandbox for; a project must grant all of it.</param>
/// <param name="Limits">Resource limits of the sandbox.</param>
/// <param name="ManifestPath">The absolute path of the connector manifest.</param>
public sealed record ConnectorManifest(
    string Name,
    string Version,
    ConnectorKind Kind,
    string Wasm,
    string Description,
    ConnectorCapabilities Capabilities,
    ConnectorLimits Limits,
    string ManifestPath)
{
    /// <summary>The folder holding the connector manifest.</summary>
    public string Directory => Path.GetDirectoryName(ManifestPath) ?? ".";

    /// <summary>The absolute path of the component file.</summary>
    public string WasmPath => Path.GetFullPath(Path.Combine(Directory, Wasm));
}

/// <summary>The two WIT worlds a connector may implement.</summary>
public enum ConnectorKind
{
    /// <summary>Implements the <c>source</c> world: pulls records.</summary>
    Source,

    /// <summary>Implements the <c>destination</c> world: receives records.</summary>
    Destination,
}

/// <summary>
/// Capabilities of a connector's sandbox: what a connector asks for in its <c>[capabilities]</c>, or what a project
/// grants it in <c>[connectors.NAME] grant</c>. Everything not listed is denied.
/// </summary>
/// <param name="HttpHosts">Host patterns the component may call (<c>api.example.com</c>, <c>*.example.com</c>, optionally <c>:port</c>).</param>
/// <param name="Environment">Environment variables the component may read.</param>
/// <param name="Clock">Whether the component may read the wall clock.</param>
public sealed record ConnectorCapabilities(IReadOnlyList<HostPattern> HttpHosts, IReadOnlyList<string> Environment, bool Clock)
{
    /// <summary>No capability at all.</summary>
    public static ConnectorCapabilities None { get; } = new([], [], false);

    /// <summary>The capabilities in grant syntax: <c>http:HOST[:PORT]</c>, <c>env:NAME</c>, <c>clock</c>.</summary>
    public IReadOnlyList<string> ToGrants() =>
        [.. HttpHosts.Select(h => $"http:{h}"), .. Environment.Select(e => $"env:{e}"), .. Clock ? new[] { "clock" } : []];

    /// <summary>The capabilities of <paramref name="asked"/> that these do not cover, in grant syntax.</summary>
    public IReadOnlyList<string> Missing(ConnectorCapabilities asked)
    {
        ArgumentNullException.ThrowIfNull(asked);
        return
        [
            .. asked.HttpHosts.Where(h => !HttpHosts.Any(g => g.Covers(h))).Select(h => $"http:{h}"),
            .. asked.Environment.Where(e => !Environment.Contains(e, StringComparer.Ordinal)).Select(e => $"env:{e}"),
            .. asked.Clock && !Clock ? new[] { "clock" } : [],
        ];
    }
}

/// <summary>Resource limits of a connector's sandbox (<c>[limits]</c> of <c>connector.toml</c>).</summary>
/// <param name="MemoryMegabytes">Maximum linear memory, in MiB.</param>
/// <param name="Fuel">Wasmtime fuel per call: a bound on the instructions one call may execute.</param>
/// <param name="NextTimeoutSeconds">Maximum wall time of one <c>read-handle.next</c> call.</param>
/// <param name="DiscoverTimeoutSeconds">Maximum wall time of one <c>discover</c> call.</param>
/// <param name="LogBytesPerSecond">Log bytes per second the host accepts before dropping lines.</param>
/// <param name="HttpInFlight">Outgoing HTTP requests the component may have open at once.</param>
public sealed record ConnectorLimits(
    int MemoryMegabytes,
    long Fuel,
    int NextTimeoutSeconds,
    int DiscoverTimeoutSeconds,
    int LogBytesPerSecond,
    int HttpInFlight)
{
    /// <summary>The limits applied to keys a manifest does not set.</summary>
    public static ConnectorLimits Default { get; } = new(256, 1_000_000_000, 30, 60, 1_048_576, 100);

    /// <summary>The highest value each limit may take.</summary>
    public static ConnectorLimits Caps { get; } = new(2048, 100_000_000_000, 900, 900, 16_777_216, 100);
}
