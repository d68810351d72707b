using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

internal static unsafe partial class DuckDbNative
{
    [LibraryImport(Library)]
    internal static partial int duckdb_bind_null(PreparedHandle statement, ulong index);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_boolean(PreparedHandle statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_int8(PreparedHandle statement, ulong index, sbyte value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_int16(PreparedHandle statement, ulong index, short value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_int32(PreparedHandle statement, ulong index, int value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_int64(PreparedHandle statement, ulong index, long value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_uint8(PreparedHandle statement, ulong index, byte value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_uint16(PreparedHandle statement, ulong index, ushort value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_uint32(PreparedHandle statement, ulong index, uint value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_uint64(PreparedHandle statement, ulong index, ulong value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_hugeint(PreparedHandle statement, ulong index, NativeHugeInt value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_uhugeint(PreparedHandle statement, ulong index, NativeUHugeInt value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_float(PreparedHandle statement, ulong index, float value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_double(PreparedHandle statement, ulong index, double value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_decimal(PreparedHandle statement, ulong index, NativeDecimal value);

    // duckdb_date, duckdb_time and duckdb_timestamp are single-field structs, passed exactly like their field.
    [LibraryImport(Library)]
    internal static partial int duckdb_bind_date(PreparedHandle statement, ulong index, int days);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_time(PreparedHandle statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_timestamp(PreparedHandle statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_timestamp_tz(PreparedHandle statement, ulong index, long micros);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_interval(PreparedHandle statement, ulong index, NativeInterval value);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_varchar_length(PreparedHandle statement, ulong index, byte* value, ulong length);

    [LibraryImport(Library)]
    internal static partial int duckdb_bind_blob(PreparedHandle statement, ulong index, byte* value, ulong length);
}
