using System.Globalization;

namespace Hakiri.Manifest.Scheduling;

/// <summary>Validates the six fields of an EventBridge cron expression, reporting the offending field's offset.</summary>
internal static class CronValidator
{
    private const string Shape = "cron takes six fields: minutes hours day-of-month month day-of-week year, e.g. cron(0 12 * * ? *)";

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly FieldRule[] Rules =
    [
        new("minutes", 0, 59, [], AllowQuestion: false),
        new("hours", 0, 23, [], AllowQuestion: false),
        new("day-of-month", 1, 31, [], AllowQuestion: true),
        new("month", 1, 12, Months, AllowQuestion: false),
        new("day-of-week", 1, 7, Days, AllowQuestion: true),
        new("year", 1970, 2199, [], AllowQuestion: false),
    ];

    /// <summary>Validates <paramref name="body"/> (the text inside <c>cron(…)</c>) that starts at <paramref name="baseOffset"/>.</summary>
    public static ScheduleError? Validate(string body, int baseOffset)
    {
        var fields = new List<(string Text, int Offset)>();
        for (var i = 0; i < body.Length;)
        {
            if (body[i] == ' ')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < body.Length && body[i] != ' ')
            {
                i++;
            }

            fields.Add((body[start..i], baseOffset + start));
        }

        if (fields.Count != 6)
        {
            return new ScheduleError($"cron has {fields.Count} field{(fields.Count == 1 ? string.Empty : "s")}, not 6", baseOffset, Shape);
        }

        for (var f = 0; f < 6; f++)
        {
            if (ValidateField(fields[f].Text, Rules[f]) is { } message)
            {
                return new ScheduleError(message, fields[f].Offset, Shape);
            }
        }

        var dayOfMonthQ = fields[2].Text == "?";
        var dayOfWeekQ = fields[4].Text == "?";
        if (dayOfMonthQ == dayOfWeekQ)
        {
            return new ScheduleError("cron needs '?' in exactly one of day-of-month and day-of-week", fields[dayOfMonthQ ? 2 : 4].Offset,
                "put '?' in the field you do not use, e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON-FRI *)");
        }

        return null;
    }

    private static string? ValidateField(string text, FieldRule rule)
    {
        if (text == "?")
        {
            return rule.AllowQuestion ? null : $"'?' is not allowed in the {rule.Name} field";
        }

        foreach (var item in text.Split(','))
        {
            if (ValidateItem(item, rule) is { } message)
            {
                return message;
            }
        }

        return null;
    }

    private static string? ValidateItem(string item, FieldRule rule)
    {
        var bad = $"'{item}' is not valid in the {rule.Name} field ({rule.Min}-{rule.Max}{(rule.Names.Length > 0 ? " or " + rule.Names[0] + "-" + rule.Names[^1] : string.Empty)})";
        if (item.Length == 0)
        {
            return $"the {rule.Name} field has an empty list item";
        }

        if (rule.Name == "day-of-month" && (item == "L" || item == "LW" || (item.EndsWith('W') && IsValue(item[..^1], rule))))
        {
            return null;
        }

        if (rule.Name == "day-of-week")
        {
            if (item == "L" || (item.EndsWith('L') && IsValue(item[..^1], rule)))
            {
                return null;
            }

            var hash = item.IndexOf('#', StringComparison.Ordinal);
            if (hash > 0)
            {
                return IsValue(item[..hash], rule) && item[(hash + 1)..] is "1" or "2" or "3" or "4" or "5" ? null : bad;
            }
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash >= 0 ? item[..slash] : item;
        if (slash >= 0 && !(int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 0))
        {
            return bad;
        }

        if (range == "*")
        {
            return null;
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            return IsValue(range[..dash], rule) && IsValue(range[(dash + 1)..], rule) ? null : bad;
        }

        return IsValue(range, rule) ? null : bad;
    }

    private static bool IsValue(string text, FieldRule rule)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n >= rule.Min && n <= rule.Max;
        }

        return rule.Names.Contains(text.ToUpperInvariant(), StringComparer.Ordinal);
    }

    private sealed record FieldRule(string Name, int Min, int Max, string[] Names, bool AllowQuestion);
}
