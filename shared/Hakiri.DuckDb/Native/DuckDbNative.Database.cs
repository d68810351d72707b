using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

internal static unsafe partial class DuckDbNative
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_open_ext(string? path, out DatabaseHandle database, ConfigHandle config, out nint error);

    [LibraryImport(Library)]
    internal static partial void duckdb_close(ref nint database);

    [LibraryImport(Library)]
    internal static partial int duckdb_connect(DatabaseHandle database, out ConnectionHandle connection);

    [LibraryImport(Library)]
    internal static partial void duckdb_disconnect(ref nint connection);

    [LibraryImport(Library)]
    internal static partial void duckdb_interrupt(ConnectionHandle connection);

    [LibraryImport(Library)]
    internal static partial int duckdb_create_config(out ConfigHandle config);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_set_config(ConfigHandle config, string name, string option);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_config(ref nint config);
}
