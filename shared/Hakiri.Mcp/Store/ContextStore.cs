using System.Collections.Concurrent;
using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Store;

/// <summary>
/// The store as the MCP server sees it: the catalog's tables, and a DuckDB that can read the store's data directory and
/// nothing else. External access is disabled and the configuration locked as soon as the database opens, so no later
/// statement can reach a file, the network or an extension, or loosen those settings. Each catalog table is a view, over
/// its live Parquet files at first and over an in-memory copy once one is loaded (see
/// <see cref="ContextStoreOptions.CacheBytes"/>), rebuilt when a run changes the table. Thread-safe.
/// </summary>
public sealed class ContextStore : IDisposable
{
    private readonly StoreLayout _layout;
    private readonly ContextStoreOptions _options;
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _admin;
    private readonly Lock _refreshLock = new();
    private readonly ConcurrentBag<DuckDbConnection> _idle = [];
    private readonly TableCache _cache;
    private readonly List<(TableRecord Table, string Source)> _uncached = [];
    private IReadOnlySet<string>? _catalogReaders;
    private CatalogDatabase? _catalog;
    private StoreSnapshot _snapshot = StoreSnapshot.Empty;
    private long _checkedAt = long.MinValue;
    private bool _disposed;

    private ContextStore(StoreLayout layout, ContextStoreOptions options, DuckDbDatabase database)
    {
        _layout = layout;
        _options = options;
        _database = database;
        _admin = database.Connect();
        _cache = new TableCache(database, _admin, _refreshLock);
    }

    /// <summary>The store's root directory.</summary>
    public string Root => _layout.Root;

    internal StoreLayout Layout => _layout;

    internal ContextStoreOptions Options => _options;

    /// <summary>The directory DuckDB may read (the store's <c>data/</c>, with a trailing separator).</summary>
    public string DataDirectory => DataDirectoryOf(_layout);

    /// <summary>
    /// Completes when every table within the cache budget that a call has asked for so far has been loaded (or failed to
    /// load and stayed a view over its files).
    /// </summary>
    public Task CacheLoaded => _cache.Idle;

    /// <summary>Opens the store read-only. A store no run has written yet serves no tables until one does.</summary>
    /// <exception cref="DuckDbException">DuckDB could not start.</exception>
    public static ContextStore Open(StoreLayout layout, ContextStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        options ??= new ContextStoreOptions();
        var config = new Dictionary<string, string>(options.DuckDbSettings.ToDictionary(), StringComparer.OrdinalIgnoreCase)
        {
            ["enable_external_access"] = "false",
            ["lock_configuration"] = "true",
            ["autoinstall_known_extensions"] = "false",
            ["autoload_known_extensions"] = "false",
        };
        var database = DuckDbDatabase.Open(null, config, [DataDirectoryOf(layout)]);
        var store = new ContextStore(layout, options, database);
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
    /// The tables as of the latest catalog check; checks again (and rebuilds the views of changed tables) when the last
    /// check is older than <see cref="ContextStoreOptions.RefreshInterval"/>.
    /// </summary>
    public StoreSnapshot Refresh(bool force = false)
    {
        lock (_refreshLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _options.Clock.GetTimestamp();
            if (!force && _checkedAt != long.MinValue && _options.Clock.GetElapsedTime(_checkedAt, now) < _options.RefreshInterval)
            {
                return _snapshot;
            }

            var catalog = OpenCatalog();
            var tables = catalog?.ListTables() ?? [];
            var fingerprint = StoreSnapshot.Fingerprint(tables);
            if (fingerprint != _snapshot.FingerprintText)
            {
                _uncached.AddRange(ViewBuilder.Apply(_admin, _layout, catalog, _snapshot, tables));
                _snapshot = new StoreSnapshot(tables, fingerprint);
            }

            // Copies start loading with the first call rather than at open, so a server is ready without waiting on them.
            if (!force && _uncached.Count > 0)
            {
                _cache.Schedule(_uncached, tables, _options.CacheBytes);
                _uncached.Clear();
            }

            _checkedAt = now;
            return _snapshot;
        }
    }

    /// <summary>The functions a scoped caller may not call (see <see cref="Access.CatalogReaders"/>), read once.</summary>
    internal IReadOnlySet<string> CatalogReaders
    {
        get
        {
            lock (_refreshLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _catalogReaders ??= Access.CatalogReaders.Load(_admin);
            }
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
        }

        _cache.Dispose();
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _admin.Dispose();
        _database.Dispose();
        _catalog?.Dispose();
    }

    private static string DataDirectoryOf(StoreLayout layout) => Path.Combine(layout.Root, "data") + Path.DirectorySeparatorChar;

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
