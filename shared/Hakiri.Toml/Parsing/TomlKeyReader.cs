using System.Text;

namespace Hakiri.Toml.Parsing;

/// <summary>Reads a possibly dotted key (<c>a."b c".'d'</c>) and formats keys back for messages.</summary>
internal static class TomlKeyReader
{
    /// <summary>Reads a key into <see cref="TomlScanner.KeyParts"/> and skips the whitespace after it.</summary>
    /// <param name="s">The scanner, on the first character of the key.</param>
    /// <param name="context">Where a key was expected, for the message when none is there ("at the start of a line").</param>
    public static List<TomlKeyPart> Read(TomlScanner s, string context)
    {
        var parts = s.KeyParts;
        parts.Clear();
        while (true)
        {
            var position = s.Position;
            var c = s.Peek();
            string name;
            if (TomlChars.IsBareKeyChar(c))
            {
                var start = s.Offset;
                do
                {
                    s.Advance();
                }
                while (TomlChars.IsBareKeyChar(s.Peek()));

                name = s.Text.Substring(start, s.Offset - start);
            }
            else if (c is '"' or '\'')
            {
                name = TomlStringReader.ReadKey(s);
            }
            else if (parts.Count == 0)
            {
                throw s.Error($"Expected a key {context}, but found {TomlChars.Describe(c)}. Bare keys may use only A-Z, a-z, 0-9, '_' and '-'; quote any other key.");
            }
            else
            {
                throw s.Error($"Expected a key after the '.' in '{Format(parts, parts.Count)}.', but found {TomlChars.Describe(c)}.");
            }

            parts.Add(new TomlKeyPart(name, position));
            s.SkipWhitespace();
            if (s.Peek() != '.')
            {
                return parts;
            }

            s.Advance();
            s.SkipWhitespace();
        }
    }

    /// <summary>Formats the first <paramref name="count"/> parts as TOML would write them, quoting where needed.</summary>
    public static string Format(List<TomlKeyPart> parts, int count)
    {
        if (count == 1 && IsBare(parts[0].Name))
        {
            return parts[0].Name;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            AppendPart(sb, parts[i].Name);
        }

        return sb.ToString();
    }

    private static void AppendPart(StringBuilder sb, string name)
    {
        if (IsBare(name))
        {
            sb.Append(name);
            return;
        }

        sb.Append('"');
        foreach (var c in name)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                _ when c < 0x20 || c == 0x7F => sb.Append($"\\u{(int)c:X4}"),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }

    private static bool IsBare(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!TomlChars.IsBareKeyChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
