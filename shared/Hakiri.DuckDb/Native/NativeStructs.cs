using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

// Layouts of the C API structs this library touches (duckdb.h, DuckDB 1.5). Field names follow the header.

/// <summary><c>duckdb_result</c>: an opaque 48-byte struct that must stay at one address until destroyed.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}

/// <summary><c>duckdb_hugeint</c>: <c>upper * 2^64 + lower</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeHugeInt
{
    public ulong Lower;
    public long Upper;
}

/// <summary><c>duckdb_uhugeint</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeUHugeInt
{
    public ulong Lower;
    public ulong Upper;
}

/// <summary><c>duckdb_decimal</c>: width and scale with the unscaled value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeDecimal
{
    public byte Width;
    public byte Scale;
    public NativeHugeInt Value;
}

/// <summary><c>duckdb_interval</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeInterval
{
    public int Months;
    public int Days;
    public long Micros;
}

/// <summary><c>duckdb_list_entry</c>: a list's slice of its child vector.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeListEntry
{
    public ulong Offset;
    public ulong Length;
}

/// <summary>
/// <c>duckdb_string_t</c>: 16 bytes; a length, then either up to 12 inlined bytes or a 4-byte prefix and a pointer.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct NativeStringT
{
    /// <summary>Strings up to this many bytes live inside the struct instead of behind the pointer.</summary>
    public const int InlineLength = 12;

    public uint Length;
    public uint Prefix;
    public nint Pointer;
}
