namespace Hakiri.DuckDb;

/// <summary>
/// Proleptic Gregorian dates from day counts, for the whole range DuckDB stores (years before 1 and after 9999, which
/// <see cref="DateOnly"/> cannot hold), using the standard era-based civil-from-days conversion.
/// </summary>
internal static class CivilDate
{
    /// <summary>The (astronomical) year, month and day of <paramref name="daysSinceEpoch"/> days after 1970-01-01.</summary>
    public static (long Year, int Month, int Day) FromDays(long daysSinceEpoch)
    {
        // Shift to a 400-year era starting on 0000-03-01 so leap days fall at the end of each year.
        var z = daysSinceEpoch + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var monthIndex = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * monthIndex) + 2) / 5) + 1);
        var month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }
}
