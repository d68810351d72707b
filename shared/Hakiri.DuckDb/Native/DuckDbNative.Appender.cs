using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

internal static unsafe partial class DuckDbNative
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_appender_create(ConnectionHandle connection, string? schema, string table, out AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial nint duckdb_appender_error(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_appender_column_count(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_flush(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_close(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_clear(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_destroy(ref nint appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_appender_end_row(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_null(AppenderHandle appender);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_bool(AppenderHandle appender, byte value);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_int32(AppenderHandle appender, int value);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_int64(AppenderHandle appender, long value);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_double(AppenderHandle appender, double value);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_date(AppenderHandle appender, int days);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_timestamp(AppenderHandle appender, long micros);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_varchar_length(AppenderHandle appender, byte* value, ulong length);

    [LibraryImport(Library)]
    internal static partial int duckdb_append_blob(AppenderHandle appender, byte* value, ulong length);
}
