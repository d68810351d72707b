using System.Text;

namespace Hakiri.Toml.Parsing;

/// <summary>Decodes the escape sequences of basic strings. The scanner is on the backslash.</summary>
internal static class TomlEscapes
{
    public static void Read(TomlScanner s, StringBuilder sb)
    {
        var at = s.Position;
        var c = s.Peek(1);
        switch (c)
        {
            case 'b': sb.Append('\b'); break;
            case 't': sb.Append('\t'); break;
            case 'n': sb.Append('\n'); break;
            case 'f': sb.Append('\f'); break;
            case 'r': sb.Append('\r'); break;
            case '"': sb.Append('"'); break;
            case '\\': sb.Append('\\'); break;
            case 'u':
                AppendScalar(s, sb, 4, at);
                return;
            case 'U':
                AppendScalar(s, sb, 8, at);
                return;
            default:
                var shown = c is TomlChars.EndOfInput or '\n' or '\r' || c < 0x20 || char.IsSurrogate((char)c)
                    ? $"a backslash followed by {TomlChars.Describe(c)}"
                    : $"'\\{(char)c}'";
                throw TomlScanner.Error(
                    $"Invalid escape {shown} in string; TOML 1.0 allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX.", at);
        }

        s.Advance(2);
    }

    private static void AppendScalar(TomlScanner s, StringBuilder sb, int digits, TomlPosition at)
    {
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = s.Peek(2 + i);
            if (!TomlChars.IsHexDigit(c))
            {
                throw TomlScanner.Error(
                    $"The escape \\{(char)s.Peek(1)} needs exactly {digits} hexadecimal digits, but found {TomlChars.Describe(c)} after {i}.", at);
            }

            // Eight digits can exceed int; saturate, since anything past 0x10FFFF is rejected below anyway.
            value = value > 0x10FFFF ? value : (value << 4) | HexValue(c);
        }

        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            var written = s.Text.Substring(s.Offset, 2 + digits);
            throw TomlScanner.Error($"The escape {written} is not a Unicode scalar value (surrogates and values above 10FFFF are not allowed).", at);
        }

        if (value < 0x10000)
        {
            sb.Append((char)value);
        }
        else
        {
            value -= 0x10000;
            sb.Append((char)(0xD800 + (value >> 10))).Append((char)(0xDC00 + (value & 0x3FF)));
        }

        s.Advance(2 + digits);
    }

    private static int HexValue(int c) => TomlChars.IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
