using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

internal static unsafe partial class DuckDbNative
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_query(ConnectionHandle connection, string query, NativeResult* result);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_result(NativeResult* result);

    [LibraryImport(Library)]
    internal static partial nint duckdb_column_name(NativeResult* result, ulong column);

    [LibraryImport(Library)]
    internal static partial LogicalTypeHandle duckdb_column_logical_type(NativeResult* result, ulong column);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_column_count(NativeResult* result);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_rows_changed(NativeResult* result);

    [LibraryImport(Library)]
    internal static partial nint duckdb_result_error(NativeResult* result);

    [LibraryImport(Library)]
    internal static partial int duckdb_result_error_type(NativeResult* result);

    // The C API takes the result struct by value here (a copy of its fields, including the internal pointer).
    [LibraryImport(Library)]
    internal static partial DataChunkHandle duckdb_fetch_chunk(NativeResult result);

    [LibraryImport(Library)]
    internal static partial int duckdb_result_return_type(NativeResult result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ulong duckdb_extract_statements(ConnectionHandle connection, string query, out ExtractedHandle statements);

    [LibraryImport(Library)]
    internal static partial int duckdb_prepare_extracted_statement(
        ConnectionHandle connection, ExtractedHandle statements, ulong index, out PreparedHandle statement);

    [LibraryImport(Library)]
    internal static partial nint duckdb_extract_statements_error(ExtractedHandle statements);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_extracted(ref nint statements);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_prepare(ConnectionHandle connection, string query, out PreparedHandle statement);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_prepare(ref nint statement);

    [LibraryImport(Library)]
    internal static partial nint duckdb_prepare_error(PreparedHandle statement);

    [LibraryImport(Library)]
    internal static partial ulong duckdb_nparams(PreparedHandle statement);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int duckdb_bind_parameter_index(PreparedHandle statement, out ulong index, string name);

    [LibraryImport(Library)]
    internal static partial int duckdb_prepared_statement_type(PreparedHandle statement);

    [LibraryImport(Library)]
    internal static partial int duckdb_clear_bindings(PreparedHandle statement);

    [LibraryImport(Library)]
    internal static partial int duckdb_execute_prepared(PreparedHandle statement, NativeResult* result);

    // Marked for eventual removal in duckdb.h, but still the C API's only way to stream a result chunk by chunk
    // instead of materializing it; duckdb_execute_prepared is the drop-in fallback (fetch_chunk reads both).
    [LibraryImport(Library)]
    internal static partial int duckdb_execute_prepared_streaming(PreparedHandle statement, NativeResult* result);
}
