using System.Collections.Concurrent;
using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Store;

/// <summary>
/// The store as the MCP server sees it: the catalog's tables, and a DuckDB that can read the store's data directory and
/// nothing else. External access is disabled and the configuration locked as soon as the database opens, so no later
/// statement can reach a file, the network or an extension, or loosen those settings. Each catalog table is a view over
/// its live Parquet files, rebuilt when a run changes the catalog. Thread-safe.
/// </summary>
public sealed class ContextStore : IDisposable
{
    private readonly StoreLayout _layout;
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _admin;
    private readonly Lock _refreshLock = new();
    private readonly ConcurrentBag<DuckDbConnection> _idle = [];
    private readonly TimeProvider _clock;
    private CatalogDatabase? _catalog;
    private StoreSnapshot _snapshot = StoreSnapshot.Empty;
    private long _checkedAt = long.MinValue;
    private bool _disposed;

    private ContextStore(StoreLayout layout, DuckDbDatabase database, TimeProvider clock)
    {
        _layout = layout;
        _database = database;
        _admin = database.Connect();
        _clock = clock;
    }

    /// <summary>The store's root directory.</summary>
    public string Root => _layout.Root;

    /// <summary>The directory DuckDB may read (the store's <c>data/</c>, with a trailing separator).</summary>
    public string DataDirectory => Path.Combine(_layout.Root, "data") + Path.DirectorySeparatorChar;

    /// <summary>
    /// How long a catalog check stays fresh: calls within it reuse the last snapshot. Zero checks on every call.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Opens the store read-only. A store no run has written yet serves no tables until one does.</summary>
    /// <param name="layout">The store's layout.</param>
    /// <param name="duckDbSettings">Extra DuckDB startup settings (for example <c>threads</c>, <c>memory_limit</c>).</param>
    /// <param name="clock">The clock for refresh intervals; tests pass a fake.</param>
    /// <exception cref="DuckDbException">DuckDB could not start.</exception>
    public static ContextStore Open(StoreLayout layout, IReadOnlyDictionary<string, string>? duckDbSettings = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var config = new Dictionary<string, string>(duckDbSettings ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
        {
            ["enable_external_access"] = "false",
            ["lock_configuration"] = "true",
            ["autoinstall_known_extensions"] = "false",
            ["autoload_known_extensions"] = "false",
        };
        var dataDirectory = Path.Combine(layout.Root, "data") + Path.DirectorySeparatorChar;
        var database = DuckDbDatabase.Open(null, config, [dataDirectory]);
        var store = new ContextStore(layout, database, clock ?? TimeProvider.System);
        try
        {
            store.Refresh(force: true);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The tables as of the latest catalog check; checks again (and rebuilds changed views) when the last check is older
    /// than <see cref="RefreshInterval"/>.
    /// </summary>
    public StoreSnapshot Refresh(bool force = false)
    {
        lock (_refreshLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _clock.GetTimestamp();
            if (!force && _checkedAt != long.MinValue && _clock.GetElapsedTime(_checkedAt, now) < RefreshInterval)
            {
                return _snapshot;
            }

            var catalog = OpenCatalog();
            var tables = catalog?.ListTables() ?? [];
            var fingerprint = StoreSnapshot.Fingerprint(tables);
            if (fingerprint != _snapshot.FingerprintText)
            {
                _snapshot = ViewBuilder.Apply(_admin, _layout, catalog, _snapshot, tables, fingerprint);
            }

            _checkedAt = now;
            return _snapshot;
        }
    }

    /// <summary>Borrows a connection for one query; dispose the lease to give it back.</summary>
    internal ConnectionLease Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ConnectionLease(this, _idle.TryTake(out var connection) ? connection : _database.Connect());
    }

    internal void Return(DuckDbConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_refreshLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_idle.TryTake(out var connection))
            {
                connection.Dispose();
            }

            _admin.Dispose();
            _database.Dispose();
            _catalog?.Dispose();
        }
    }

    // Opening creates a catalog where there is none; a server must not, so it waits until a run has made one.
    private CatalogDatabase? OpenCatalog()
    {
        if (_catalog is null && File.Exists(_layout.CatalogPath))
        {
            _catalog = CatalogDatabase.Open(_layout);
        }

        return _catalog;
    }
}

/// <summary>A connection borrowed from <see cref="ContextStore"/>.</summary>
internal sealed class ConnectionLease(ContextStore owner, DuckDbConnection connection) : IDisposable
{
    public DuckDbConnection Connection { get; } = connection;

    public void Dispose() => owner.Return(Connection);
}
