namespace Hakiri.DuckDb;

/// <summary>DuckDB's type ids (<c>duckdb_type</c> in the C API; the numbers are DuckDB's and never change).</summary>
public enum DuckDbTypeKind
{
    /// <summary>No type, or one this library does not know.</summary>
    Invalid = 0,
    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean = 1,
    /// <summary><c>TINYINT</c> (int8).</summary>
    TinyInt = 2,
    /// <summary><c>SMALLINT</c> (int16).</summary>
    SmallInt = 3,
    /// <summary><c>INTEGER</c> (int32).</summary>
    Integer = 4,
    /// <summary><c>BIGINT</c> (int64).</summary>
    BigInt = 5,
    /// <summary><c>UTINYINT</c> (uint8).</summary>
    UTinyInt = 6,
    /// <summary><c>USMALLINT</c> (uint16).</summary>
    USmallInt = 7,
    /// <summary><c>UINTEGER</c> (uint32).</summary>
    UInteger = 8,
    /// <summary><c>UBIGINT</c> (uint64).</summary>
    UBigInt = 9,
    /// <summary><c>FLOAT</c>.</summary>
    Float = 10,
    /// <summary><c>DOUBLE</c>.</summary>
    Double = 11,
    /// <summary><c>TIMESTAMP</c> (microseconds, no time zone).</summary>
    Timestamp = 12,
    /// <summary><c>DATE</c>.</summary>
    Date = 13,
    /// <summary><c>TIME</c> (microseconds).</summary>
    Time = 14,
    /// <summary><c>INTERVAL</c>.</summary>
    Interval = 15,
    /// <summary><c>HUGEINT</c> (int128).</summary>
    HugeInt = 16,
    /// <summary><c>VARCHAR</c>.</summary>
    Varchar = 17,
    /// <summary><c>BLOB</c>.</summary>
    Blob = 18,
    /// <summary><c>DECIMAL(width, scale)</c>.</summary>
    Decimal = 19,
    /// <summary><c>TIMESTAMP_S</c> (seconds).</summary>
    TimestampS = 20,
    /// <summary><c>TIMESTAMP_MS</c> (milliseconds).</summary>
    TimestampMs = 21,
    /// <summary><c>TIMESTAMP_NS</c> (nanoseconds).</summary>
    TimestampNs = 22,
    /// <summary><c>ENUM(...)</c>.</summary>
    Enum = 23,
    /// <summary><c>T[]</c>, a variable-length list.</summary>
    List = 24,
    /// <summary><c>STRUCT(...)</c>.</summary>
    Struct = 25,
    /// <summary><c>MAP(K, V)</c>.</summary>
    Map = 26,
    /// <summary><c>UUID</c>.</summary>
    Uuid = 27,
    /// <summary><c>UNION(...)</c>.</summary>
    Union = 28,
    /// <summary><c>BIT</c> (a bit string).</summary>
    Bit = 29,
    /// <summary><c>TIME WITH TIME ZONE</c>.</summary>
    TimeTz = 30,
    /// <summary><c>TIMESTAMP WITH TIME ZONE</c> (microseconds since the epoch, UTC).</summary>
    TimestampTz = 31,
    /// <summary><c>UHUGEINT</c> (uint128).</summary>
    UHugeInt = 32,
    /// <summary><c>T[n]</c>, a fixed-size array.</summary>
    Array = 33,
    /// <summary><c>ANY</c> (function signatures only).</summary>
    Any = 34,
    /// <summary><c>BIGNUM</c> (arbitrary precision integer; formerly VARINT).</summary>
    BigNum = 35,
    /// <summary>The type of a bare <c>NULL</c>.</summary>
    SqlNull = 36,
    /// <summary>A string literal not yet given a type.</summary>
    StringLiteral = 37,
    /// <summary>An integer literal not yet given a type.</summary>
    IntegerLiteral = 38,
    /// <summary><c>TIME_NS</c> (nanoseconds).</summary>
    TimeNs = 39,
    /// <summary><c>GEOMETRY</c>.</summary>
    Geometry = 40,
    /// <summary><c>VARIANT</c>.</summary>
    Variant = 41,
}
