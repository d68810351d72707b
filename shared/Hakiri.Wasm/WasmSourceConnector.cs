using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using Hakiri.Wasm.Runtime;

namespace Hakiri.Wasm;

/// <summary>
/// A source connector that runs a sandboxed WebAssembly guest built for <c>wit/connector.wit</c>'s
/// <c>source-connector</c> world: a core module (or a component wrapping one) called through the canonical ABI, under
/// <see cref="WasmLimits"/>, reaching the outside only through <see cref="IConnectorHost"/>. The module is compiled (or
/// taken from the cache) when the object is created; it is instantiated on the first call. Calls are serialized.
/// </summary>
public sealed class WasmSourceConnector : ISourceConnector, IDisposable, IAsyncDisposable
{
    private readonly GuestModule _module;
    private readonly GuestInstance _guest;
    private readonly IDisposable? _ownedHost;
    private IReadOnlyList<TableSchema>? _tables;

    /// <summary>Loads and checks the guest; nothing of it runs yet.</summary>
    /// <param name="name">The connector's name, used in every error sentence.</param>
    /// <param name="version">The connector's version.</param>
    /// <param name="wasm">The <c>.wasm</c> file's bytes: a core module or a component wrapping one.</param>
    /// <param name="limits">The sandbox limits (<see cref="WasmLimits.Default"/> when null).</param>
    /// <param name="host">What the guest's <c>hakiri:connector/host</c> imports reach.</param>
    /// <param name="cacheDirectory">Where compiled modules are kept by SHA-256 (<c>&lt;sha&gt;.cwasm</c>); null: no cache.</param>
    /// <param name="ownsHost">
    /// Whether disposing the connector disposes <paramref name="host"/> too (a <see cref="Host.GrantedHost"/> reports its
    /// dropped log lines and releases its HTTP client then).
    /// </param>
    /// <exception cref="ConnectorException">The bytes cannot run as a source connector (<see cref="ConnectorErrorKind.Permanent"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public WasmSourceConnector(
        string name, string version, ReadOnlyMemory<byte> wasm, WasmLimits? limits, IConnectorHost host, string? cacheDirectory, bool ownsHost = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(host);
        Limits = limits ?? WasmLimits.Default;
        Limits.Validate();
        Name = name;
        Version = version;
        _module = GuestModule.Load(name, wasm, cacheDirectory);
        _guest = new GuestInstance(name, _module, Limits, host);
        _ownedHost = ownsHost ? host as IDisposable : null;
    }

    /// <summary>Loads a connector from a <c>.wasm</c> file.</summary>
    /// <param name="name">The connector's name, used in every error sentence.</param>
    /// <param name="version">The connector's version.</param>
    /// <param name="path">The <c>.wasm</c> file: a core module or a component wrapping one.</param>
    /// <param name="limits">The sandbox limits (<see cref="WasmLimits.Default"/> when null).</param>
    /// <param name="host">What the guest's <c>hakiri:connector/host</c> imports reach.</param>
    /// <param name="cacheDirectory">Where compiled modules are kept; null: no cache.</param>
    /// <exception cref="ConnectorException">The file cannot run as a source connector (<see cref="ConnectorErrorKind.Permanent"/>).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static WasmSourceConnector FromFile(string name, string version, string path, WasmLimits? limits, IConnectorHost host, string? cacheDirectory) =>
        new(name, version, File.ReadAllBytes(path), limits, host, cacheDirectory);

    /// <summary>The connector's name.</summary>
    public string Name { get; }

    /// <summary>The connector's version.</summary>
    public string Version { get; }

    /// <summary>The limits it runs under.</summary>
    public WasmLimits Limits { get; }

    /// <summary>Whether the compiled module came from the cache directory (warm) rather than being compiled (cold).</summary>
    public bool LoadedFromCache => _module.Warm;

    /// <summary>What the module holds: naming, imports, exports, its SHA-256.</summary>
    public WasmModuleInfo Module => _module.Info;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<TableSchema>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var result = await _guest.RunAsync("discover", Limits.DiscoverTimeout, g => g.Discover(), cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw error;
        }

        _tables = result.Value!;
        return _tables;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The batches carry the table's schema from discover (calling it first if it was not), or one derived from the
    /// first batch's Arrow schema when discover declared the table without columns or not at all.
    /// </remarks>
    public async ValueTask<ISourceReader> OpenAsync(string table, ReadOnlyMemory<byte>? cursor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var tables = _tables ?? await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var declared = tables.FirstOrDefault(t => t.Name == table);
        var result = await _guest.RunAsync($"open of table {table}", Limits.DiscoverTimeout, g => g.Open(table, cursor), cancellationToken)
            .ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw error;
        }

        return new WasmSourceReader(this, _guest, result.Value, table, declared is { Columns.Count: > 0 } ? declared : null, cursor);
    }

    /// <inheritdoc/>
    public async ValueTask AcknowledgeAsync(string table, ReadOnlyMemory<byte> committed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var error = await _guest.RunAsync($"acknowledge of table {table}", Limits.DiscoverTimeout, g => g.Acknowledge(table, committed), cancellationToken)
            .ConfigureAwait(false);
        if (error is not null)
        {
            throw error;
        }
    }

    /// <summary>Releases the store and the compiled module.</summary>
    public void Dispose()
    {
        _guest.Dispose();
        _module.Dispose();
        _ownedHost?.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
