using System.Globalization;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>Turns DuckDB's physical values into .NET values (the mapping <see cref="DuckDbReader.GetValue(int)"/> documents).</summary>
internal static class DuckDbValues
{
    private const int UnixEpochDayNumber = 719_162;
    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    /// <summary>The non-null value at <paramref name="row"/> as its .NET type.</summary>
    public static object Read(VectorReader reader, ulong row) => reader.Type.Kind switch
    {
        DuckDbTypeKind.Boolean => reader.Raw<byte>(row) != 0,
        DuckDbTypeKind.TinyInt => reader.Raw<sbyte>(row),
        DuckDbTypeKind.SmallInt => reader.Raw<short>(row),
        DuckDbTypeKind.Integer => reader.Raw<int>(row),
        DuckDbTypeKind.BigInt => reader.Raw<long>(row),
        DuckDbTypeKind.UTinyInt => reader.Raw<byte>(row),
        DuckDbTypeKind.USmallInt => reader.Raw<ushort>(row),
        DuckDbTypeKind.UInteger => reader.Raw<uint>(row),
        DuckDbTypeKind.UBigInt => reader.Raw<ulong>(row),
        DuckDbTypeKind.HugeInt => reader.Raw<Int128>(row),
        DuckDbTypeKind.UHugeInt => reader.Raw<UInt128>(row),
        DuckDbTypeKind.Float => reader.Raw<float>(row),
        DuckDbTypeKind.Double => reader.Raw<double>(row),
        DuckDbTypeKind.Decimal => ToDecimal(Unscaled(reader, row), reader.Type.Scale),
        DuckDbTypeKind.Varchar => reader.String(row),
        DuckDbTypeKind.Blob => reader.Bytes(row).ToArray(),
        DuckDbTypeKind.Date => ToDate(reader.Raw<int>(row)),
        DuckDbTypeKind.Time => ToTime(reader.Raw<long>(row) * TimeSpan.TicksPerMicrosecond),
        DuckDbTypeKind.TimeNs => ToTime(reader.Raw<long>(row) / 100),
        DuckDbTypeKind.Timestamp => ToDateTime(reader.Raw<long>(row), TimeSpan.TicksPerMicrosecond),
        DuckDbTypeKind.TimestampS => ToDateTime(reader.Raw<long>(row), TimeSpan.TicksPerSecond),
        DuckDbTypeKind.TimestampMs => ToDateTime(reader.Raw<long>(row), TimeSpan.TicksPerMillisecond),
        DuckDbTypeKind.TimestampNs => ToDateTime(reader.Raw<long>(row) / 100, 1),
        DuckDbTypeKind.TimestampTz => ToDateTimeOffset(reader.Raw<long>(row)),
        DuckDbTypeKind.Interval => ToInterval(reader.Raw<NativeInterval>(row)),
        DuckDbTypeKind.Uuid => ToGuid(reader.Raw<Int128>(row)),
        DuckDbTypeKind.Enum => EnumLabel(reader, row),
        DuckDbTypeKind.List or DuckDbTypeKind.Array or DuckDbTypeKind.Struct or DuckDbTypeKind.Map
            or DuckDbTypeKind.Union or DuckDbTypeKind.Bit or DuckDbTypeKind.TimeTz => DuckDbText.Render(reader, row),
        _ => throw Unsupported(reader.Type),
    };

    /// <summary>The .NET type <see cref="Read"/> returns for <paramref name="type"/>.</summary>
    public static Type ClrTypeOf(DuckDbColumnType type) => type.Kind switch
    {
        DuckDbTypeKind.Boolean => typeof(bool),
        DuckDbTypeKind.TinyInt => typeof(sbyte),
        DuckDbTypeKind.SmallInt => typeof(short),
        DuckDbTypeKind.Integer => typeof(int),
        DuckDbTypeKind.BigInt => typeof(long),
        DuckDbTypeKind.UTinyInt => typeof(byte),
        DuckDbTypeKind.USmallInt => typeof(ushort),
        DuckDbTypeKind.UInteger => typeof(uint),
        DuckDbTypeKind.UBigInt => typeof(ulong),
        DuckDbTypeKind.HugeInt => typeof(Int128),
        DuckDbTypeKind.UHugeInt => typeof(UInt128),
        DuckDbTypeKind.Float => typeof(float),
        DuckDbTypeKind.Double => typeof(double),
        DuckDbTypeKind.Decimal => typeof(decimal),
        DuckDbTypeKind.Blob => typeof(byte[]),
        DuckDbTypeKind.Date => typeof(DateOnly),
        DuckDbTypeKind.Time or DuckDbTypeKind.TimeNs => typeof(TimeOnly),
        DuckDbTypeKind.Timestamp or DuckDbTypeKind.TimestampS or DuckDbTypeKind.TimestampMs or DuckDbTypeKind.TimestampNs => typeof(DateTime),
        DuckDbTypeKind.TimestampTz => typeof(DateTimeOffset),
        DuckDbTypeKind.Interval => typeof(DuckDbInterval),
        DuckDbTypeKind.Uuid => typeof(Guid),
        DuckDbTypeKind.SqlNull => typeof(DBNull),
        _ => typeof(string),
    };

    /// <summary>The unscaled integer of a DECIMAL, whatever its storage width.</summary>
    public static Int128 Unscaled(VectorReader reader, ulong row) => reader.Type.Storage switch
    {
        DuckDbTypeKind.SmallInt => reader.Raw<short>(row),
        DuckDbTypeKind.Integer => reader.Raw<int>(row),
        DuckDbTypeKind.BigInt => reader.Raw<long>(row),
        _ => reader.Raw<Int128>(row),
    };

    /// <summary>The label an ENUM value's stored index refers to.</summary>
    public static string EnumLabel(VectorReader reader, ulong row)
    {
        var index = reader.Type.Storage switch
        {
            DuckDbTypeKind.UTinyInt => reader.Raw<byte>(row),
            DuckDbTypeKind.USmallInt => reader.Raw<ushort>(row),
            _ => (int)reader.Raw<uint>(row),
        };
        return reader.Type.EnumLabels[index];
    }

    /// <summary>A DECIMAL's value; System.Decimal holds 96 bits and scale 28, so wider values must be cast in SQL.</summary>
    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);
        while (scale > 28 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        if (magnitude >> 96 != 0 || scale > 28)
        {
            throw new OverflowException(
                $"The DECIMAL value with unscaled digits {unscaled} and scale {scale} does not fit System.Decimal (96 bits, scale up to 28); cast it to DOUBLE or VARCHAR in the query.");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    /// <summary>A DATE; DuckDB's infinities become the ends of <see cref="DateOnly"/>'s range.</summary>
    public static DateOnly ToDate(int days) => days switch
    {
        int.MaxValue => DateOnly.MaxValue,
        -int.MaxValue => DateOnly.MinValue,
        _ when (long)UnixEpochDayNumber + days >= 0 && (long)UnixEpochDayNumber + days <= MaxDayNumber => DateOnly.FromDayNumber(UnixEpochDayNumber + days),
        _ => throw OutOfRange("DATE"),
    };

    /// <summary>A TIME; <c>24:00:00</c>, which DuckDB allows, becomes <see cref="TimeOnly.MaxValue"/>.</summary>
    public static TimeOnly ToTime(long ticks) => ticks >= TimeSpan.TicksPerDay ? TimeOnly.MaxValue : new TimeOnly(ticks);

    /// <summary>A TIMESTAMP counted in units of <paramref name="ticksPerUnit"/> since the epoch, as UTC.</summary>
    public static DateTime ToDateTime(long value, long ticksPerUnit) => value switch
    {
        long.MaxValue => DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        -long.MaxValue => DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        _ when InRange(value, ticksPerUnit) => DateTime.UnixEpoch.AddTicks(value * ticksPerUnit),
        _ => throw OutOfRange("TIMESTAMP"),
    };

    private static bool InRange(long value, long ticksPerUnit)
    {
        // Compare in units first so the multiplication below cannot overflow.
        var minUnits = -DateTime.UnixEpoch.Ticks / ticksPerUnit;
        var maxUnits = (MaxTicks - DateTime.UnixEpoch.Ticks) / ticksPerUnit;
        return value >= minUnits && value <= maxUnits;
    }

    /// <summary>A TIMESTAMP WITH TIME ZONE (an instant, microseconds since the epoch) at offset zero.</summary>
    public static DateTimeOffset ToDateTimeOffset(long micros) => new(ToDateTime(micros, TimeSpan.TicksPerMicrosecond));

    /// <summary>An INTERVAL with its three parts kept apart.</summary>
    public static DuckDbInterval ToInterval(NativeInterval value) => new(value.Months, value.Days, value.Micros);

    /// <summary>
    /// A UUID. DuckDB stores it as a 128-bit integer with the top bit flipped (so integer order is UUID order);
    /// flipping back gives the 16 bytes in big-endian order.
    /// </summary>
    public static Guid ToGuid(Int128 stored)
    {
        Span<byte> bytes = stackalloc byte[16];
        var value = (UInt128)stored ^ ((UInt128)1 << 127);
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The error for a date or time outside the years .NET represents (1 to 9999).</summary>
    public static OverflowException OutOfRange(string type) =>
        new($"A {type} value lies outside the years 1 to 9999 that .NET dates hold; cast it to VARCHAR in the query to read it as text.");

    /// <summary>The error for a type with no .NET mapping here.</summary>
    public static NotSupportedException Unsupported(DuckDbColumnType type) =>
        new($"Reading DuckDB type {type.Name} is not supported; cast the column to VARCHAR (or another supported type) in the query.");

    /// <summary>Exact text of an unscaled DECIMAL, as DuckDB prints it (all <paramref name="scale"/> digits kept).</summary>
    public static string DecimalText(Int128 unscaled, int scale)
    {
        var magnitude = (UInt128)(unscaled < 0 ? -unscaled : unscaled);
        var digits = magnitude.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..];
        return unscaled < 0 ? "-" + text : text;
    }
}
