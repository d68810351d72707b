using System.Text;

namespace Hakiri.Toml.Parsing;

/// <summary>
/// Reads the four date/time kinds and checks that they name a real instant (month lengths, leap years,
/// clock ranges). The canonical text keeps the fraction exactly as written and upper-cases T and Z.
/// </summary>
internal static class TomlDateTimeReader
{
    /// <summary>Whether the text at the scanner starts like a date (<c>dddd-</c>) or a time (<c>dd:</c>).</summary>
    public static bool LooksLikeDateOrTime(TomlScanner s) =>
        TomlChars.IsDigit(s.Peek()) && TomlChars.IsDigit(s.Peek(1))
        && (s.Peek(2) == ':' || (TomlChars.IsDigit(s.Peek(2)) && TomlChars.IsDigit(s.Peek(3)) && s.Peek(4) == '-'));

    public static TomlDateTime Read(TomlScanner s)
    {
        var text = s.Text;
        var start = s.Offset;
        var position = s.Position;
        var sb = s.Buffer.Clear();
        var i = start;
        var hasDate = text[start + 2] != ':';
        var hasTime = !hasDate;
        var hasOffset = false;
        if (hasDate)
        {
            var year = Digits(s, ref i, 4, "year");
            Separator(s, ref i, '-', "between the year and the month");
            var month = Digits(s, ref i, 2, "month");
            Separator(s, ref i, '-', "between the month and the day");
            var monthAt = i - 3;
            var day = Digits(s, ref i, 2, "day");
            if (month is < 1 or > 12)
            {
                throw Error(s, monthAt, $"The month {month:00} is not between 01 and 12.");
            }

            if (day < 1 || day > DaysInMonth(year, month))
            {
                throw Error(s, i - 2, $"The day {day:00} does not exist in {year:0000}-{month:00}.");
            }

            sb.Append(text, start, 10);

            // A space may separate date and time, but only when a time really follows: "1979-05-27 # comment" is a date.
            var c = At(text, i);
            if (c is 'T' or 't' || (c == ' ' && TomlChars.IsDigit(At(text, i + 1))))
            {
                hasTime = true;
                i++;
                sb.Append('T');
            }
        }

        if (hasTime)
        {
            ReadTime(s, ref i, sb);
            if (hasDate)
            {
                hasOffset = ReadOffset(s, ref i, sb);
            }
        }

        var next = At(text, i);
        if (TomlChars.IsBareValueChar(next) || next == ':')
        {
            throw Error(s, i, $"Unexpected {TomlChars.Describe(next)} in the date/time '{text[start..i]}'.");
        }

        var kind = (hasDate, hasTime, hasOffset) switch
        {
            (true, true, true) => TomlKind.OffsetDateTime,
            (true, true, false) => TomlKind.LocalDateTime,
            (true, false, _) => TomlKind.LocalDate,
            _ => TomlKind.LocalTime,
        };
        s.Advance(i - start);
        return new TomlDateTime(kind, sb.ToString(), position);
    }

    private static void ReadTime(TomlScanner s, ref int i, StringBuilder sb)
    {
        var text = s.Text;
        var start = i;
        var hour = Digits(s, ref i, 2, "hour");
        Separator(s, ref i, ':', "between the hour and the minute");
        var minute = Digits(s, ref i, 2, "minute");
        Separator(s, ref i, ':', "between the minute and the second (TOML 1.0 requires seconds)");
        var second = Digits(s, ref i, 2, "second");
        if (hour > 23)
        {
            throw Error(s, start, $"The hour {hour:00} is not between 00 and 23.");
        }

        if (minute > 59)
        {
            throw Error(s, start + 3, $"The minute {minute:00} is not between 00 and 59.");
        }

        if (second > 60)
        {
            throw Error(s, start + 6, $"The second {second:00} is not between 00 and 60.");
        }

        if (At(text, i) == '.')
        {
            i++;
            if (!TomlChars.IsDigit(At(text, i)))
            {
                throw Error(s, i, $"Expected a digit after the decimal point of the seconds, but found {TomlChars.Describe(At(text, i))}.");
            }

            while (TomlChars.IsDigit(At(text, i)))
            {
                i++;
            }
        }

        sb.Append(text, start, i - start);
    }

    private static bool ReadOffset(TomlScanner s, ref int i, StringBuilder sb)
    {
        var text = s.Text;
        var c = At(text, i);
        if (c is 'Z' or 'z')
        {
            i++;
            sb.Append('Z');
        }
        else if (c is '+' or '-')
        {
            var start = i++;
            var hour = Digits(s, ref i, 2, "offset hour");
            Separator(s, ref i, ':', "in the offset");
            var minute = Digits(s, ref i, 2, "offset minute");
            if (hour > 23 || minute > 59)
            {
                throw Error(s, start, $"The offset {text[start..i]} is out of range (hours 00-23, minutes 00-59).");
            }

            sb.Append(text, start, i - start);
        }
        else
        {
            return false;
        }

        return true;
    }

    private static int Digits(TomlScanner s, ref int i, int count, string what)
    {
        var text = s.Text;
        var value = 0;
        for (var k = 0; k < count; k++)
        {
            var c = At(text, i);
            if (!TomlChars.IsDigit(c))
            {
                throw Error(s, i, $"Expected {count} digits for the {what}, but found {TomlChars.Describe(c)}.");
            }

            value = (value * 10) + (c - '0');
            i++;
        }

        return value;
    }

    private static void Separator(TomlScanner s, ref int i, char expected, string where)
    {
        var c = At(s.Text, i);
        if (c != expected)
        {
            throw Error(s, i, $"Expected '{expected}' {where}, but found {TomlChars.Describe(c)}.");
        }

        i++;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static int At(string text, int i) => i < text.Length ? text[i] : TomlChars.EndOfInput;

    private static TomlSyntaxException Error(TomlScanner s, int offset, string reason) => TomlScanner.Error(reason, s.PositionOf(offset));
}
