using System.Text;

namespace Hakiri.Toml.Parsing;

/// <summary>Reads a possibly dotted key (<c>a."b c".'d'</c>) and formats keys back for messages.</summary>
internal static class TomlKeyReader
{
    /// <summary>Reads a key into <see cref="TomlScanner.KeyParts"/> and skips the whitespace after it.</summary>
    /// <param name="s">The scanner, on the first character of the key.</param>
    /// <param name="context">Where a key was expected, for the message when none is there.</param>
    /// <param name="written">The key as written in the document, for messages that quote it.</param>
    public static List<TomlKeyPart> Read(TomlScanner s, TomlKeyContext context, out TomlKeyText written)
    {
        var parts = s.KeyParts;
        parts.Clear();
        var keyStart = s.Offset;
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
                throw s.Error($"Expected a key {Describe(context)}, but found {TomlChars.Describe(c)}. Bare keys may use only A-Z, a-z, 0-9, '_' and '-'; quote any other key.");
            }
            else
            {
                throw s.Error($"Expected a key after the '.' in '{Format(parts, parts.Count)}.', but found {TomlChars.Describe(c)}.");
            }

            parts.Add(new TomlKeyPart(name, position));
            var end = s.Offset;
            s.SkipWhitespace();
            if (s.Peek() != '.')
            {
                written = new TomlKeyText(s.Text, keyStart, end);
                return parts;
            }

            s.Advance();
            s.SkipWhitespace();
        }
    }

    private static string Describe(TomlKeyContext context) => context switch
    {
        TomlKeyContext.Line => "at the start of the line",
        TomlKeyContext.TableHeader => "in the [table] header",
        TomlKeyContext.ArrayHeader => "in the [[array]] header",
        _ => "in the inline table",
    };

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

/// <summary>Where a key is being read, which decides how a missing key is reported.</summary>
internal enum TomlKeyContext
{
    Line,
    TableHeader,
    ArrayHeader,
    InlineTable,
}

/// <summary>Where a key was written, kept as offsets so the text is only copied when a message needs it.</summary>
internal readonly record struct TomlKeyText(string Source, int Start, int End)
{
    public override string ToString() => Source[Start..End];
}
