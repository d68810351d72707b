using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hakiri.Model.Manifests;

namespace Hakiri.Emit.Azure;

/// <summary>Why an EventBridge schedule has no NCRONTAB equivalent, and what to write instead.</summary>
/// <param name="Message">What cannot be translated, as a sentence fragment.</param>
/// <param name="Hint">What to write instead.</param>
public sealed record ScheduleTranslationError(string Message, string Hint);

/// <summary>
/// Translates the manifest's EventBridge schedule expressions into the six-field NCRONTAB expressions Azure Functions
/// timer triggers take (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, UTC). NCRONTAB steps restart at
/// each minute, hour or day boundary, so only rates that divide their unit translate exactly; a translated rate runs on
/// the clock's boundaries (every 5 minutes at :00, :05 …) rather than from the time of deployment as EventBridge does.
/// </summary>
public static class NcrontabSchedule
{
    private const string RateHint = "use a rate that divides its unit (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes; 1, 2, 3, 4, 6, 8 or 12 hours; 1 day) or a cron() expression";

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>The NCRONTAB form of <paramref name="schedule"/>, or the reason there is none.</summary>
    public static bool TryTranslate(Schedule schedule, [NotNullWhen(true)] out string? expression, [NotNullWhen(false)] out ScheduleTranslationError? error)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        (expression, error) = schedule switch
        {
            RateSchedule rate => Rate(rate.Value, rate.Unit, rate.Expression),
            CronSchedule cron => Cron(cron),
            _ => (null, new ScheduleTranslationError($"'{schedule.Expression}' is not a rate() or cron() expression", RateHint)),
        };
        return error is null;
    }

    private static (string?, ScheduleTranslationError?) Rate(int value, RateUnit unit, string written) => unit switch
    {
        RateUnit.Minute when value % 60 == 0 => Rate(value / 60, RateUnit.Hour, written),
        RateUnit.Minute when 60 % value == 0 => ($"0 */{value} * * * *", null),
        RateUnit.Hour when value % 24 == 0 => Rate(value / 24, RateUnit.Day, written),
        RateUnit.Hour when 24 % value == 0 => ($"0 0 */{value} * * *", null),
        RateUnit.Day when value == 1 => ("0 0 0 * * *", null),
        RateUnit.Day => (null, new ScheduleTranslationError(
            $"{written} has no NCRONTAB equivalent: a day step restarts at each month's start", $"write cron(0 0 */{value} * ? *) to run on every {Ordinal(value)} day of the month, or rate(1 day)")),
        _ => (null, new ScheduleTranslationError(
            $"{written} has no NCRONTAB equivalent: {value} {unit.ToString().ToLowerInvariant()}s does not divide {(unit == RateUnit.Minute ? "an hour" : "a day")}", RateHint)),
    };

    private static (string?, ScheduleTranslationError?) Cron(CronSchedule cron)
    {
        var written = cron.Expression;
        var f = cron.Fields;
        if (f.Count != 6)
        {
            return (null, new ScheduleTranslationError($"{written} does not have six fields", "write cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 12 * * ? *)"));
        }

        if (f[5] != "*")
        {
            return (null, new ScheduleTranslationError($"{written} has no NCRONTAB equivalent: NCRONTAB has no year field", $"write * as the year: cron({string.Join(' ', f.Take(5))} *)"));
        }

        // Day of month: L (last), LW and nW (nearest weekday); day of week: nL (last) and n#k (k-th). NCRONTAB has none.
        if (f[2].Contains('L', StringComparison.Ordinal) || f[2].Contains('W', StringComparison.Ordinal)
            || f[4].Contains('L', StringComparison.Ordinal) || f[4].Contains('#', StringComparison.Ordinal))
        {
            var field = f[4].Contains('L', StringComparison.Ordinal) || f[4].Contains('#', StringComparison.Ordinal) ? f[4] : f[2];
            return (null, new ScheduleTranslationError($"{written} has no NCRONTAB equivalent: '{field}' (last, nearest weekday or n-th day) is not supported",
                "list the days instead, e.g. cron(0 12 ? * MON-FRI *) or cron(0 12 1,15 * ? *)"));
        }

        var fields = new[] { ("minutes", f[0], 59, Array.Empty<string>()), ("hours", f[1], 23, []), ("day-of-month", f[2], 31, []), ("month", f[3], 12, Months), ("day-of-week", f[4], 7, Days) };
        var translated = new List<string> { "0" };
        foreach (var (name, text, max, names) in fields)
        {
            // EventBridge counts days of the week 1 (SUN) to 7 (SAT); NCRONTAB counts 0 (Sunday) to 6.
            var shift = name == "day-of-week" ? -1 : 0;
            if (Field(text, max, names, shift) is { } value)
            {
                translated.Add(value);
            }
            else
            {
                return (null, new ScheduleTranslationError($"{written} has no NCRONTAB equivalent: the {name} field '{text}' is a range that wraps around",
                    "split it into two ranges that do not wrap, e.g. 22-23,0-2 instead of 22-2, or FRI-SAT,SUN-MON instead of FRI-MON"));
            }
        }

        return (string.Join(' ', translated), null);
    }

    // Translates one field item by item; null when a range wraps around (NCRONTAB ranges cannot).
    private static string? Field(string text, int max, string[] names, int shift)
    {
        if (text is "?" or "*")
        {
            return "*";
        }

        var items = new List<string>();
        foreach (var item in text.Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var range = slash >= 0 ? item[..slash] : item;
            var step = slash >= 0 ? item[slash..] : string.Empty;
            if (range == "*")
            {
                items.Add("*" + step);
                continue;
            }

            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var first = Value(dash > 0 ? range[..dash] : range, names);
            // "a/n" means "from a to the end, every n": spelled as a range, which every cron dialect reads alike.
            var last = dash > 0 ? Value(range[(dash + 1)..], names) : step.Length > 0 ? max : first;
            if (last < first)
            {
                return null;
            }

            items.Add(first == last ? Number(first + shift) : $"{Number(first + shift)}-{Number(last + shift)}{step}");
        }

        return string.Join(',', items);
    }

    // Names count from 1 in both EventBridge fields that have them: JAN = 1, SUN = 1.
    private static int Value(string text, string[] names)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) + 1;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ordinal(int n) => n switch
    {
        2 => "second",
        3 => "third",
        _ => n.ToString(CultureInfo.InvariantCulture) + "th",
    };
}
