using System.Globalization;

namespace Hakiri.DuckDb;

/// <summary>
/// A DuckDB <c>INTERVAL</c>, kept as DuckDB stores it: months, days and microseconds are independent (a month has no
/// fixed number of days, a day none of hours across DST), so no single <see cref="TimeSpan"/> represents every interval.
/// </summary>
/// <param name="Months">Whole months (years are twelve months).</param>
/// <param name="Days">Whole days.</param>
/// <param name="Microseconds">The time part.</param>
public readonly record struct DuckDbInterval(int Months, int Days, long Microseconds)
{
    /// <summary>
    /// The interval as a <see cref="TimeSpan"/> of days and time; fails when it has months, whose length depends on the date.
    /// </summary>
    /// <exception cref="InvalidOperationException">The interval has a month part.</exception>
    public TimeSpan ToTimeSpan() => Months == 0
        ? TimeSpan.FromDays(Days) + TimeSpan.FromMicroseconds(Microseconds)
        : throw new InvalidOperationException($"The interval {this} has a month part, which has no fixed length; add it to a date instead.");

    /// <summary>Creates an interval of days and time from a <see cref="TimeSpan"/> (whole days go to <see cref="Days"/>).</summary>
    public static DuckDbInterval FromTimeSpan(TimeSpan value) =>
        new(0, value.Days, (value.Ticks - (value.Days * TimeSpan.TicksPerDay)) / TimeSpan.TicksPerMicrosecond);

    /// <summary>The interval as DuckDB prints it, for example <c>1 year 2 months 3 days 04:05:06.5</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        var years = Months / 12;
        var months = Months % 12;
        if (years != 0)
        {
            parts.Add(Plural(years, "year"));
        }

        if (months != 0)
        {
            parts.Add(Plural(months, "month"));
        }

        if (Days != 0)
        {
            parts.Add(Plural(Days, "day"));
        }

        if (Microseconds != 0 || parts.Count == 0)
        {
            parts.Add(TemporalText.Time(Microseconds, allowNegative: true));
        }

        return string.Join(' ', parts);
    }

    private static string Plural(int value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} {unit}{(value is 1 or -1 ? "" : "s")}");
}
