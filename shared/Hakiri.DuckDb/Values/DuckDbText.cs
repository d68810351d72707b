using System.Buffers;
using System.Globalization;
using System.Text;

namespace Hakiri.DuckDb;

/// <summary>
/// Renders values as DuckDB 1.5's <c>CAST(x AS VARCHAR)</c> does, for the types <see cref="DuckDbReader"/> returns as
/// text (LIST, ARRAY, STRUCT, MAP, UNION, BIT, TIME WITH TIME ZONE) and every scalar that can appear inside them.
/// The one deliberate difference: TIMESTAMP WITH TIME ZONE is always rendered in UTC, not the session time zone.
/// </summary>
internal static class DuckDbText
{
    // Characters that would make a string inside a nested value ambiguous, so DuckDB quotes it.
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create("\"'(),:=[]{}");

    /// <summary>The value at <paramref name="row"/> (not NULL) as text.</summary>
    public static string Render(VectorReader reader, ulong row)
    {
        var text = new StringBuilder();
        Append(text, reader, row, nested: false);
        return text.ToString();
    }

    private static void Append(StringBuilder text, VectorReader reader, ulong row, bool nested)
    {
        if (reader.IsNull(row))
        {
            text.Append("NULL");
            return;
        }

        var type = reader.Type;
        switch (type.Kind)
        {
            case DuckDbTypeKind.List or DuckDbTypeKind.Array:
                var (offset, length) = type.Kind == DuckDbTypeKind.List ? reader.ListEntry(row) : (row * (ulong)type.ArraySize, (ulong)type.ArraySize);
                text.Append('[');
                for (var i = 0UL; i < length; i++)
                {
                    Append(text.Append(i == 0 ? "" : ", "), reader.Child(0), offset + i, nested: true);
                }

                text.Append(']');
                break;
            case DuckDbTypeKind.Map:
                var (start, count) = reader.ListEntry(row);
                text.Append('{');
                for (var i = 0UL; i < count; i++)
                {
                    Append(text.Append(i == 0 ? "" : ", "), reader.Child(0), start + i, nested: true);
                    Append(text.Append('='), reader.Child(1), start + i, nested: true);
                }

                text.Append('}');
                break;
            case DuckDbTypeKind.Struct:
                text.Append('{');
                for (var i = 0; i < type.Children.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ").Append(Quoted(type.Children[i].Name)).Append(": ");
                    Append(text, reader.Child(i), row, nested: true);
                }

                text.Append('}');
                break;
            case DuckDbTypeKind.Union:
                // DuckDB prints a union's member as it is, never quoted, even inside a list.
                Append(text, reader.Child(reader.UnionTag(row)), row, nested: false);
                break;
            default:
                var scalar = Scalar(reader, row);
                // JSON keeps its own syntax inside nested values; every other scalar is quoted when it could be misread.
                text.Append(nested && type.Name != "JSON" && NeedsQuotes(scalar) ? Quoted(scalar) : scalar);
                break;
        }
    }

    private static string Scalar(VectorReader reader, ulong row) => reader.Type.Kind switch
    {
        DuckDbTypeKind.Boolean => reader.Raw<byte>(row) != 0 ? "true" : "false",
        DuckDbTypeKind.TinyInt => Invariant(reader.Raw<sbyte>(row)),
        DuckDbTypeKind.SmallInt => Invariant(reader.Raw<short>(row)),
        DuckDbTypeKind.Integer => Invariant(reader.Raw<int>(row)),
        DuckDbTypeKind.BigInt => Invariant(reader.Raw<long>(row)),
        DuckDbTypeKind.UTinyInt => Invariant(reader.Raw<byte>(row)),
        DuckDbTypeKind.USmallInt => Invariant(reader.Raw<ushort>(row)),
        DuckDbTypeKind.UInteger => Invariant(reader.Raw<uint>(row)),
        DuckDbTypeKind.UBigInt => Invariant(reader.Raw<ulong>(row)),
        DuckDbTypeKind.HugeInt => Invariant(reader.Raw<Int128>(row)),
        DuckDbTypeKind.UHugeInt => Invariant(reader.Raw<UInt128>(row)),
        DuckDbTypeKind.Float => RealText.Format(reader.Raw<float>(row)),
        DuckDbTypeKind.Double => RealText.Format(reader.Raw<double>(row)),
        DuckDbTypeKind.Decimal => DuckDbValues.DecimalText(DuckDbValues.Unscaled(reader, row), reader.Type.Scale),
        DuckDbTypeKind.Varchar => reader.String(row),
        DuckDbTypeKind.Blob => Blob(reader.Bytes(row)),
        DuckDbTypeKind.Bit => Bits(reader.Bytes(row)),
        DuckDbTypeKind.Enum => DuckDbValues.EnumLabel(reader, row),
        DuckDbTypeKind.Uuid => DuckDbValues.ToGuid(reader.Raw<Int128>(row)).ToString("D"),
        DuckDbTypeKind.Interval => DuckDbValues.ToInterval(reader.Raw<Native.NativeInterval>(row)).ToString(),
        DuckDbTypeKind.Date => TemporalText.Date(reader.Raw<int>(row)),
        DuckDbTypeKind.Time => TemporalText.Time(reader.Raw<long>(row)),
        DuckDbTypeKind.TimeNs => TemporalText.Clock(reader.Raw<long>(row), 1_000_000_000, 9, allowNegative: false),
        DuckDbTypeKind.TimeTz => TemporalText.TimeTz(reader.Raw<ulong>(row)),
        DuckDbTypeKind.Timestamp => TemporalText.Timestamp(reader.Raw<long>(row), 1),
        DuckDbTypeKind.TimestampS => TemporalText.Timestamp(reader.Raw<long>(row), 1_000_000),
        DuckDbTypeKind.TimestampMs => TemporalText.Timestamp(reader.Raw<long>(row), 1_000),
        DuckDbTypeKind.TimestampNs => TemporalText.TimestampNs(reader.Raw<long>(row)),
        DuckDbTypeKind.TimestampTz => TemporalText.Timestamp(reader.Raw<long>(row), 1) is var utc && char.IsAsciiDigit(utc[^1]) ? utc + "+00" : utc,
        _ => throw DuckDbValues.Unsupported(reader.Type),
    };

    /// <summary>A number in the invariant culture.</summary>
    public static string Invariant<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || IsSpace(text[0]) || IsSpace(text[^1]) || text.Equals("NULL", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return text.AsSpan().IndexOfAny(NeedsQuoting) >= 0;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static string Quoted(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string Blob(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 32 and <= 126 and not (byte)'\\' and not (byte)'\'' and not (byte)'"')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string Bits(ReadOnlySpan<byte> bytes)
    {
        // The first byte counts the padding bits at the start of the second byte.
        if (bytes.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder((bytes.Length - 1) * 8);
        for (var i = 1; i < bytes.Length; i++)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                text.Append(((bytes[i] >> bit) & 1) == 1 ? '1' : '0');
            }
        }

        return text.ToString(bytes[0], text.Length - bytes[0]);
    }
}
