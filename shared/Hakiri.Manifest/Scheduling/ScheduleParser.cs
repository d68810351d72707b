using System.Globalization;
using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Scheduling;

/// <summary>A problem in a schedule expression: what, at which character offset, and what to do.</summary>
internal sealed record ScheduleError(string Message, int Offset, string Hint);

/// <summary>Parses EventBridge schedule expressions: <c>rate(value unit)</c> and six-field <c>cron(…)</c>.</summary>
internal static class ScheduleParser
{
    private const string RateHint = "write rate(1 minute), rate(5 minutes), rate(1 hour), rate(12 hours), rate(1 day) or rate(7 days)";

    public static bool TryParse(string text, out Schedule? schedule, out ScheduleError? error)
    {
        schedule = null;
        error = null;
        if (text.StartsWith("rate(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return TryParseRate(text, out schedule, out error);
        }

        if (text.StartsWith("cron(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            error = CronValidator.Validate(text[5..^1], 5);
            if (error is null)
            {
                schedule = new CronSchedule(text[5..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            return error is null;
        }

        error = new ScheduleError($"'{text}' is not a schedule expression", 0,
            "write rate(<number> <unit>) such as rate(1 hour), or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>) such as cron(0 12 * * ? *)");
        return false;
    }

    private static bool TryParseRate(string text, out Schedule? schedule, out ScheduleError? error)
    {
        schedule = null;
        var body = text[5..^1];
        var parts = body.Split(' ');
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            error = new ScheduleError($"'{text}' must have a number and a unit separated by one space", 5, RateHint);
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            error = new ScheduleError($"the rate '{parts[0]}' is not a positive whole number", 5, RateHint);
            return false;
        }

        var unitOffset = 5 + parts[0].Length + 1;
        RateUnit? unit = parts[1] switch
        {
            "minute" or "minutes" => RateUnit.Minute,
            "hour" or "hours" => RateUnit.Hour,
            "day" or "days" => RateUnit.Day,
            _ => null,
        };
        if (unit is null)
        {
            error = new ScheduleError($"'{parts[1]}' is not a rate unit", unitOffset, "use minute(s), hour(s) or day(s)");
            return false;
        }

        var singular = !parts[1].EndsWith('s');
        if (singular != (value == 1))
        {
            var expected = new RateSchedule(value, unit.Value).Expression;
            error = new ScheduleError($"EventBridge requires the {(value == 1 ? "singular" : "plural")} unit with {value}", unitOffset, $"write {expected}");
            return false;
        }

        schedule = new RateSchedule(value, unit.Value);
        error = null;
        return true;
    }
}
