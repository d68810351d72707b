using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// An open DuckDB database (a file, or in memory). Thread-safe: any number of threads may each
/// <see cref="Connect"/> and use their own connection. Dispose after the connections are done with.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private readonly DatabaseHandle _handle;

    // Set on a handle lent by a DuckDbDatabasePool: disposing it gives the database back instead of closing it.
    private readonly DuckDbDatabasePool? _lentBy;
    private int _returned;

    private DuckDbDatabase(DatabaseHandle handle, string? path, DuckDbDatabasePool? lentBy = null)
    {
        _handle = handle;
        Path = path;
        _lentBy = lentBy;
    }

    /// <summary>A handle on the same database that <paramref name="pool"/> takes back when it is disposed.</summary>
    internal DuckDbDatabase LendFrom(DuckDbDatabasePool pool) => new(_handle, Path, pool) { Owner = this };

    /// <summary>For a lent handle, the pooled database it stands for.</summary>
    internal DuckDbDatabase? Owner { get; private init; }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? Path { get; }

    /// <summary>The version of the loaded DuckDB library, for example <c>v1.5.6</c>.</summary>
    public static string LibraryVersion
    {
        get
        {
            DuckDbLibrary.EnsureLoaded();
            return System.Runtime.InteropServices.Marshal.PtrToStringUTF8(DuckDbNative.duckdb_library_version()) ?? "";
        }
    }

    /// <summary>
    /// Opens (creating if needed) the database file at <paramref name="path"/>, or an in-memory database when null.
    /// </summary>
    /// <param name="path">The database file; null for in-memory.</param>
    /// <param name="config">
    /// Startup settings by DuckDB name, for example <c>threads</c>, <c>memory_limit</c>, <c>access_mode</c>,
    /// <c>enable_external_access</c>, <c>lock_configuration</c>.
    /// </param>
    /// <param name="allowedDirectories">
    /// Directories whose files stay readable and writable when <c>enable_external_access</c> is <c>false</c>. DuckDB
    /// accepts this list only from SQL and only while external access is still on, so when it is given,
    /// <c>enable_external_access</c> and <c>lock_configuration</c> are applied after it, right after opening.
    /// </param>
    /// <exception cref="DuckDbException">A setting was rejected, the file could not be opened, or DuckDB's library is missing.</exception>
    public static DuckDbDatabase Open(
        string? path = null, IReadOnlyDictionary<string, string>? config = null, IReadOnlyList<string>? allowedDirectories = null)
    {
        DuckDbLibrary.EnsureLoaded();
        var startup = new Dictionary<string, string>(config ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        var deferred = new List<(string Name, string Value)>();
        if (allowedDirectories is { Count: > 0 })
        {
            deferred.Add(("allowed_directories", "[" + string.Join(", ", allowedDirectories.Select(SqlLiteral)) + "]"));
            foreach (var name in new[] { "enable_external_access", "lock_configuration" })
            {
                if (startup.Remove(name, out var value))
                {
                    deferred.Add((name, SqlLiteral(value)));
                }
            }
        }

        var database = new DuckDbDatabase(OpenNative(path, startup), path);
        try
        {
            if (deferred.Count > 0)
            {
                using var connection = database.Connect();
                connection.Execute(string.Join("; ", deferred.Select(setting => $"SET {setting.Name} = {setting.Value}")));
            }

            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Opens a new connection. Each connection is for one thread at a time; open one per thread.</summary>
    /// <exception cref="DuckDbException">DuckDB refused the connection.</exception>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (DuckDbNative.duckdb_connect(_handle, out var connection) != 0)
        {
            connection.Dispose();
            throw new DuckDbException("DuckDB refused to open a connection to the database.");
        }

        return new DuckDbConnection(connection);
    }

    private static DatabaseHandle OpenNative(string? path, IReadOnlyDictionary<string, string> config)
    {
        if (DuckDbNative.duckdb_create_config(out var configHandle) != 0)
        {
            configHandle.Dispose();
            throw new DuckDbException("DuckDB could not create a configuration object (out of memory).");
        }

        using (configHandle)
        {
            foreach (var (name, value) in config)
            {
                if (DuckDbNative.duckdb_set_config(configHandle, name, value) != 0)
                {
                    throw new DuckDbException(
                        $"DuckDB rejected the setting {name} = '{value}': the name is unknown, the value invalid for it, or it cannot be set at startup.",
                        DuckDbErrorType.InvalidConfiguration);
                }
            }

            var state = DuckDbNative.duckdb_open_ext(path, out var handle, configHandle, out var error);
            var message = DuckDbNative.TakeString(error);
            if (state != 0)
            {
                handle.Dispose();
                var where = path is null ? "an in-memory database" : $"the database '{path}'";
                message ??= "no reason given";
                throw new DuckDbException($"DuckDB could not open {where}: {message}", DuckDbErrors.TypeFromMessage(message));
            }

            return handle;
        }
    }

    private static string SqlLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <inheritdoc />
    public void Dispose()
    {
        if (_lentBy is null)
        {
            _handle.Dispose();
        }
        else if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            _lentBy.Return(this);
        }
    }
}
