using System.Globalization;

namespace Hakiri.Toml.Parsing;

/// <summary>
/// Reads the bare values: integers, floats, booleans, inf and nan. The whole run of characters that could
/// belong to one is taken first, so "12ab" or "1.2.3" fail as one bad token rather than as two tokens.
/// </summary>
internal static class TomlNumberReader
{
    private const int StackLimit = 128;

    public static TomlNode Read(TomlScanner s)
    {
        var text = s.Text;
        var start = s.Offset;
        var end = start;
        while (end < text.Length && TomlChars.IsBareValueChar(text[end]))
        {
            end++;
        }

        var node = Parse(s, text.AsSpan(start, end - start), start);
        s.Advance(end - start);
        return node;
    }

    private static TomlNode Parse(TomlScanner s, ReadOnlySpan<char> token, int start)
    {
        var position = s.PositionOf(start);
        switch (token)
        {
            case "true":
                return new TomlBoolean(true, position);
            case "false":
                return new TomlBoolean(false, position);
        }

        var negative = token.Length > 0 && token[0] == '-';
        var i = token.Length > 0 && token[0] is '+' or '-' ? 1 : 0;
        var rest = token[i..];
        switch (rest)
        {
            case "inf":
                return new TomlFloat(negative ? double.NegativeInfinity : double.PositiveInfinity, position);
            case "nan":
                return new TomlFloat(double.NaN, position);
        }

        if (rest.IsEmpty || !TomlChars.IsDigit(rest[0]))
        {
            throw i == 1
                ? Error(s, start + i, $"Expected digits, 'inf' or 'nan' after the sign, but found {Describe(rest)}.")
                : Error(s, start, $"Expected a value, but found {Describe(token)}; strings must be quoted.");
        }

        if (rest.Length > 1 && rest[0] == '0' && rest[1] is 'x' or 'o' or 'b')
        {
            if (i == 1)
            {
                throw Error(s, start, "A hexadecimal, octal or binary integer cannot have a sign.");
            }

            return new TomlInteger(ParseRadix(s, token, start), position);
        }

        var j = i;
        ScanDigits(s, token, start, ref j, 10);
        if (token[i] == '0' && j - i > 1)
        {
            throw Error(s, start + i, $"Leading zeros are not allowed in the number '{token}'.");
        }

        var isFloat = false;
        if (j < token.Length && token[j] == '.')
        {
            j++;
            RequireDigit(s, token, start, j, "after the decimal point");
            ScanDigits(s, token, start, ref j, 10);
            isFloat = true;
        }

        if (j < token.Length && token[j] is 'e' or 'E')
        {
            j++;
            if (j < token.Length && token[j] is '+' or '-')
            {
                j++;
            }

            RequireDigit(s, token, start, j, "in the exponent");
            ScanDigits(s, token, start, ref j, 10);
            isFloat = true;
        }

        if (j < token.Length)
        {
            throw Error(s, start + j, $"Unexpected {TomlChars.Describe(token[j])} in the number '{token}'.");
        }

        return isFloat
            ? new TomlFloat(ParseFloat(token), position)
            : new TomlInteger(ParseDecimal(s, token, start, negative), position);
    }

    private static long ParseRadix(TomlScanner s, ReadOnlySpan<char> token, int start)
    {
        var (radix, name, shift) = token[1] switch
        {
            'x' => (16, "hexadecimal", 4),
            'o' => (8, "octal", 3),
            _ => (2, "binary", 1),
        };
        var j = 2;
        RequireDigit(s, token, start, j, $"after the {name} prefix '0{token[1]}'", radix);
        ScanDigits(s, token, start, ref j, radix);
        if (j < token.Length)
        {
            throw Error(s, start + j, $"{TomlChars.Describe(token[j])} is not a {name} digit in '{token}'.");
        }

        ulong value = 0;
        foreach (var c in token[2..])
        {
            if (c == '_')
            {
                continue;
            }

            if (value > (ulong)long.MaxValue >> shift)
            {
                throw Error(s, start, $"The integer '{token}' does not fit in 64 bits.");
            }

            value = (value << shift) | (uint)DigitValue(c);
        }

        return value <= long.MaxValue ? (long)value : throw Error(s, start, $"The integer '{token}' does not fit in 64 bits.");
    }

    private static long ParseDecimal(TomlScanner s, ReadOnlySpan<char> token, int start, bool negative)
    {
        // The magnitude of long.MinValue is one more than long.MaxValue.
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong value = 0;
        foreach (var c in token)
        {
            if (!TomlChars.IsDigit(c))
            {
                continue;
            }

            var digit = (ulong)(c - '0');
            if (value > (limit - digit) / 10)
            {
                throw Error(s, start, $"The integer '{token}' does not fit in 64 bits (-2^63 to 2^63-1).");
            }

            value = (value * 10) + digit;
        }

        return negative ? (long)(0 - value) : (long)value;
    }

    private static double ParseFloat(ReadOnlySpan<char> token)
    {
        Span<char> buffer = token.Length <= StackLimit ? stackalloc char[StackLimit] : new char[token.Length];
        var n = 0;
        foreach (var c in token)
        {
            if (c != '_')
            {
                buffer[n++] = c;
            }
        }

        // The grammar was checked above, so this cannot fail; out-of-range magnitudes become ±infinity.
        return double.Parse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Moves past digits, allowing single underscores only between two digits.</summary>
    private static void ScanDigits(TomlScanner s, ReadOnlySpan<char> token, int start, ref int j, int radix)
    {
        while (j < token.Length)
        {
            var c = token[j];
            if (IsDigit(c, radix))
            {
                j++;
            }
            else if (c == '_')
            {
                if (j + 1 >= token.Length || !IsDigit(token[j + 1], radix) || !IsDigit(token[j - 1], radix))
                {
                    throw Error(s, start + j, $"An underscore in a number must sit between two digits, as in 1_000; '{token}' breaks that rule.");
                }

                j++;
            }
            else
            {
                return;
            }
        }
    }

    private static void RequireDigit(TomlScanner s, ReadOnlySpan<char> token, int start, int j, string where, int radix = 10)
    {
        if (j >= token.Length || !IsDigit(token[j], radix))
        {
            var found = j < token.Length ? TomlChars.Describe(token[j]) : "nothing";
            throw Error(s, start + Math.Min(j, token.Length), $"Expected a digit {where} in the number '{token}', but found {found}.");
        }
    }

    private static bool IsDigit(char c, int radix) => radix switch
    {
        16 => TomlChars.IsHexDigit(c),
        10 => TomlChars.IsDigit(c),
        8 => (uint)(c - '0') <= 7,
        _ => c is '0' or '1',
    };

    private static int DigitValue(char c) => TomlChars.IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string Describe(ReadOnlySpan<char> token) => token.IsEmpty ? "nothing" : $"'{token}'";

    private static TomlSyntaxException Error(TomlScanner s, int offset, string reason) => TomlScanner.Error(reason, s.PositionOf(offset));
}
