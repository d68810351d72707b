using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

internal static unsafe partial class DuckDbNative
{
    // Creates (or replaces) a view over an Arrow C stream. DuckDB copies the struct on each scan and never releases
    // it: the caller owns the stream and must keep it alive until the view is gone.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_arrow_scan(ConnectionHandle connection, string tableName, nint arrowStream);
}
