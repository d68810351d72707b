using System.Text;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>Binds .NET values to prepared statement parameters with the matching C API call.</summary>
internal static unsafe class ParameterBinder
{
    // Pinning an empty array yields a null pointer; DuckDB expects a valid address even for zero bytes.
    private static readonly byte[] Empty = [0];

    /// <summary>Binds <paramref name="value"/> to parameter <paramref name="index"/>; returns DuckDB's state (0 is success).</summary>
    /// <exception cref="ArgumentException">The value's type has no DuckDB mapping here.</exception>
    public static int Bind(PreparedHandle statement, ulong index, object? value) => value switch
    {
        null or DBNull => DuckDbNative.duckdb_bind_null(statement, index),
        string text => BindText(statement, index, text),
        bool flag => DuckDbNative.duckdb_bind_boolean(statement, index, flag ? (byte)1 : (byte)0),
        sbyte number => DuckDbNative.duckdb_bind_int8(statement, index, number),
        short number => DuckDbNative.duckdb_bind_int16(statement, index, number),
        int number => DuckDbNative.duckdb_bind_int32(statement, index, number),
        long number => DuckDbNative.duckdb_bind_int64(statement, index, number),
        byte number => DuckDbNative.duckdb_bind_uint8(statement, index, number),
        ushort number => DuckDbNative.duckdb_bind_uint16(statement, index, number),
        uint number => DuckDbNative.duckdb_bind_uint32(statement, index, number),
        ulong number => DuckDbNative.duckdb_bind_uint64(statement, index, number),
        Int128 number => DuckDbNative.duckdb_bind_hugeint(statement, index, new NativeHugeInt { Lower = (ulong)number, Upper = (long)(number >> 64) }),
        UInt128 number => DuckDbNative.duckdb_bind_uhugeint(statement, index, new NativeUHugeInt { Lower = (ulong)number, Upper = (ulong)(number >> 64) }),
        float number => DuckDbNative.duckdb_bind_float(statement, index, number),
        double number => DuckDbNative.duckdb_bind_double(statement, index, number),
        decimal number => DuckDbNative.duckdb_bind_decimal(statement, index, ToNative(number)),
        DateTime time => DuckDbNative.duckdb_bind_timestamp(statement, index, MicrosSinceEpoch(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time)),
        DateTimeOffset time => DuckDbNative.duckdb_bind_timestamp_tz(statement, index, MicrosSinceEpoch(time.UtcDateTime)),
        DateOnly date => DuckDbNative.duckdb_bind_date(statement, index, date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
        TimeOnly time => DuckDbNative.duckdb_bind_time(statement, index, time.Ticks / TimeSpan.TicksPerMicrosecond),
        TimeSpan span => BindInterval(statement, index, DuckDbInterval.FromTimeSpan(span)),
        DuckDbInterval interval => BindInterval(statement, index, interval),
        Guid guid => BindText(statement, index, guid.ToString("D")),
        byte[] bytes => BindBlob(statement, index, bytes),
        _ => throw new ArgumentException($"A {value.GetType().Name} value cannot be bound to a DuckDB parameter; convert it to a string or a number first.", nameof(value)),
    };

    /// <summary>A decimal as DuckDB's (width, scale, unscaled value); width is the digits needed, at least the scale + 1.</summary>
    public static NativeDecimal ToNative(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var unscaled = value < 0 ? -magnitude : magnitude;
        var scale = value.Scale;
        var digits = magnitude == 0 ? 1 : magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return new NativeDecimal
        {
            Width = (byte)Math.Max(digits, scale + 1),
            Scale = (byte)scale,
            Value = new NativeHugeInt { Lower = (ulong)unscaled, Upper = (long)(unscaled >> 64) },
        };
    }

    /// <summary>A UTC (or unspecified) DateTime as microseconds since the Unix epoch.</summary>
    public static long MicrosSinceEpoch(DateTime time) => (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    private static int BindText(PreparedHandle statement, ulong index, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* pointer = bytes.Length == 0 ? Empty : bytes)
        {
            return DuckDbNative.duckdb_bind_varchar_length(statement, index, pointer, (ulong)bytes.Length);
        }
    }

    private static int BindBlob(PreparedHandle statement, ulong index, byte[] bytes)
    {
        fixed (byte* pointer = bytes.Length == 0 ? Empty : bytes)
        {
            return DuckDbNative.duckdb_bind_blob(statement, index, pointer, (ulong)bytes.Length);
        }
    }

    private static int BindInterval(PreparedHandle statement, ulong index, DuckDbInterval interval) =>
        DuckDbNative.duckdb_bind_interval(statement, index, new NativeInterval { Months = interval.Months, Days = interval.Days, Micros = interval.Microseconds });
}
