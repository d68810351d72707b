namespace Hakiri.Connectors.Batches;

/// <summary>
/// Parses RFC 3339 timestamps (<c>2026-11-30T08:15:00Z</c>, with an optional fraction and a <c>Z</c> or <c>±hh:mm</c>
/// offset; <c>T</c>, <c>t</c> or a space between date and time) and <c>yyyy-MM-dd</c> dates from UTF-8, without
/// allocating and independent of culture. A timestamp without a zone is not one: its instant would be a guess.
/// </summary>
internal static class Rfc3339
{
    private const long MicrosPerSecond = 1_000_000;
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    // An offset can push an instant just outside the years 1 to 9999 that .NET and Arrow's builder represent.
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Microseconds since the Unix epoch (UTC); digits past microseconds are truncated.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (text.Length < 20 || !TryParseDayNumber(text[..10], out var day) || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !TwoDigits(text, 11, out var hour) || text[13] != ':' || !TwoDigits(text, 14, out var minute) || text[16] != ':'
            || !TwoDigits(text, 17, out var second) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (text[i] == '.')
        {
            var start = ++i;
            long scale = 100_000;
            while (i < text.Length && IsDigit(text[i]))
            {
                fraction += (text[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (!TryParseOffset(text[i..], out var offsetMinutes))
        {
            return false;
        }

        micros = ((((long)(day - EpochDay) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second) * MicrosPerSecond + fraction;
        return micros >= MinMicros && micros <= MaxMicros;
    }

    /// <summary>Days since the Unix epoch of a <c>yyyy-MM-dd</c> date.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        if (text.Length != 10 || !TryParseDayNumber(text, out var day))
        {
            return false;
        }

        days = day - EpochDay;
        return true;
    }

    private static bool TryParseDayNumber(ReadOnlySpan<byte> text, out int dayNumber)
    {
        dayNumber = 0;
        if (!TwoDigits(text, 0, out var century) || !TwoDigits(text, 2, out var yy) || text[4] != '-' || !TwoDigits(text, 5, out var month)
            || text[7] != '-' || !TwoDigits(text, 8, out var day))
        {
            return false;
        }

        var year = century * 100 + yy;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> zone, out int minutes)
    {
        minutes = 0;
        if (zone.Length == 1)
        {
            return zone[0] is (byte)'Z' or (byte)'z';
        }

        if (zone.Length != 6 || zone[0] is not ((byte)'+' or (byte)'-') || !TwoDigits(zone, 1, out var hours) || zone[3] != ':'
            || !TwoDigits(zone, 4, out var mins) || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = (zone[0] == '-' ? -1 : 1) * (hours * 60 + mins);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length || !IsDigit(text[at]) || !IsDigit(text[at + 1]))
        {
            return false;
        }

        value = (text[at] - '0') * 10 + text[at + 1] - '0';
        return true;
    }

    private static bool IsDigit(byte value) => (uint)(value - '0') <= 9;
}
