using System.Globalization;
using System.Text;

namespace Hakiri.DuckDb;

/// <summary>Dates, times, timestamps and time zone offsets as DuckDB 1.5 prints them.</summary>
internal static class TemporalText
{
    private const long MicrosPerDay = 86_400_000_000;

    /// <summary>A time of day (or a signed duration) as <c>HH:MM:SS[.fraction]</c>, trailing zeros of the fraction dropped.</summary>
    public static string Time(long micros, bool allowNegative = false) => Clock(micros, 1_000_000, 6, allowNegative);

    /// <summary>A DATE (days since 1970-01-01), with "(BC)" before year 1 and DuckDB's infinities.</summary>
    public static string Date(long days)
    {
        if (days is int.MaxValue or -int.MaxValue)
        {
            return days > 0 ? "infinity" : "-infinity";
        }

        var (year, month, day) = CivilDate.FromDays(days);
        return year > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{1 - year:0000}-{month:00}-{day:00} (BC)");
    }

    /// <summary>A TIMESTAMP counted in units of <paramref name="microsPerUnit"/> microseconds since the epoch.</summary>
    public static string Timestamp(long value, long microsPerUnit)
    {
        if (value is long.MaxValue or -long.MaxValue)
        {
            return value > 0 ? "infinity" : "-infinity";
        }

        var micros = value * microsPerUnit;
        var days = Math.DivRem(micros, MicrosPerDay, out var time);
        return DateAndTime(time < 0 ? days - 1 : days, Time(time < 0 ? time + MicrosPerDay : time));
    }

    /// <summary>A TIMESTAMP_NS, keeping all nine fraction digits.</summary>
    public static string TimestampNs(long nanos)
    {
        const long NanosPerDay = MicrosPerDay * 1000;
        var days = Math.DivRem(nanos, NanosPerDay, out var time);
        return DateAndTime(time < 0 ? days - 1 : days, Clock(time < 0 ? time + NanosPerDay : time, 1_000_000_000, 9, allowNegative: false));
    }

    private static string DateAndTime(long days, string time)
    {
        // A BC timestamp puts the era marker after the time: "0045-03-15 10:00:00 (BC)".
        var date = Date(days);
        return date.EndsWith(" (BC)", StringComparison.Ordinal) ? date[..^5] + " " + time + " (BC)" : date + " " + time;
    }

    /// <summary>A time of day counted in <paramref name="unitsPerSecond"/>, fraction trimmed of trailing zeros.</summary>
    public static string Clock(long value, long unitsPerSecond, int fractionDigits, bool allowNegative)
    {
        var sign = allowNegative && value < 0 ? "-" : "";
        var magnitude = Math.Abs(value);
        var seconds = magnitude / unitsPerSecond;
        var fraction = magnitude % unitsPerSecond;
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        return fraction == 0 ? text : text + "." + fraction.ToString(new string('0', fractionDigits), CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>A TIME WITH TIME ZONE: the time, then the offset as +HH, +HH:MM or +HH:MM:SS.</summary>
    public static string TimeTz(ulong bits)
    {
        // TIME WITH TIME ZONE packs microseconds into the high 40 bits and (max offset - offset seconds) into the low 24.
        const int MaxOffset = (16 * 60 * 60) - 1;
        var offset = MaxOffset - (int)(bits & 0xFF_FFFF);
        var text = new StringBuilder(Time((long)(bits >> 24))).Append(offset < 0 ? '-' : '+');
        offset = Math.Abs(offset);
        text.Append(DuckDbText.Invariant(offset / 3600).PadLeft(2, '0'));
        if (offset % 3600 != 0)
        {
            text.Append(':').Append(DuckDbText.Invariant(offset / 60 % 60).PadLeft(2, '0'));
            if (offset % 60 != 0)
            {
                text.Append(':').Append(DuckDbText.Invariant(offset % 60).PadLeft(2, '0'));
            }
        }

        return text.ToString();
    }
}
