using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// An open DuckDB database (a file, or in memory). Thread-safe: any number of threads may each
/// <see cref="Connect"/> and use their own connection. Dispose after the connections are done with.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private readonly DatabaseHandle _handle;

    private DuckDbDatabase(DatabaseHandle handle, string? path)
    {
        _handle = handle;
        Path = path;
    }

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
    /// <c>enable_external_access</c>, <c>allowed_directories</c>, <c>lock_configuration</c>.
    /// </param>
    /// <exception cref="DuckDbException">A setting was rejected, the file could not be opened, or DuckDB's library is missing.</exception>
    public static DuckDbDatabase Open(string? path = null, IReadOnlyDictionary<string, string>? config = null)
    {
        DuckDbLibrary.EnsureLoaded();
        if (DuckDbNative.duckdb_create_config(out var configHandle) != 0)
        {
            configHandle.Dispose();
            throw new DuckDbException("DuckDB could not create a configuration object (out of memory).");
        }

        using (configHandle)
        {
            foreach (var (name, value) in config ?? new Dictionary<string, string>())
            {
                if (DuckDbNative.duckdb_set_config(configHandle, name, value) != 0)
                {
                    throw new DuckDbException(
                        $"DuckDB rejected the setting {name} = '{value}': the name is unknown or the value invalid for it.", DuckDbErrorType.InvalidConfiguration);
                }
            }

            var state = DuckDbNative.duckdb_open_ext(path, out var handle, configHandle, out var error);
            var message = DuckDbNative.TakeString(error);
            if (state != 0)
            {
                handle.Dispose();
                var where = path is null ? "an in-memory database" : $"the database '{path}'";
                throw new DuckDbException($"DuckDB could not open {where}: {message ?? "no reason given"}");
            }

            return new DuckDbDatabase(handle, path);
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

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
