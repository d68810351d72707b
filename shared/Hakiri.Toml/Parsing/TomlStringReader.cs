using System.Text;

namespace Hakiri.Toml.Parsing;

/// <summary>Reads the four kinds of TOML string. The scanner is on the opening quote.</summary>
internal static class TomlStringReader
{
    /// <summary>Reads a string value of any kind.</summary>
    public static string ReadValue(TomlScanner s)
    {
        var quote = (char)s.Peek();
        if (s.Peek(1) == quote && s.Peek(2) == quote)
        {
            return quote == '"' ? ReadMultilineBasic(s) : ReadMultilineLiteral(s);
        }

        return quote == '"' ? ReadBasic(s) : ReadLiteral(s);
    }

    /// <summary>Reads a quoted key: single-line strings only.</summary>
    public static string ReadKey(TomlScanner s)
    {
        var quote = (char)s.Peek();
        if (s.Peek(1) == quote && s.Peek(2) == quote)
        {
            throw s.Error("A multi-line string cannot be used as a key; quote keys with \"…\" or '…' on one line.");
        }

        return quote == '"' ? ReadBasic(s) : ReadLiteral(s);
    }

    private static string ReadBasic(TomlScanner s)
    {
        var text = s.Text;
        var open = s.Position;
        s.Advance();
        var runStart = s.Offset;
        StringBuilder? sb = null;
        while (true)
        {
            var c = s.Peek();
            switch (c)
            {
                case '"':
                    var value = Finish(text, sb, runStart, s.Offset);
                    s.Advance();
                    return value;
                case '\\':
                    sb ??= Begin(s);
                    sb.Append(text, runStart, s.Offset - runStart);
                    TomlEscapes.Read(s, sb);
                    runStart = s.Offset;
                    break;
                case TomlChars.EndOfInput or '\n' or '\r':
                    throw s.Error($"The string that starts at {open} is not closed: expected '\"' before {TomlChars.Describe(c)}.");
                default:
                    RejectControl(s, c, "strings");
                    s.AdvanceChecked(c);
                    break;
            }
        }
    }

    private static string ReadLiteral(TomlScanner s)
    {
        var open = s.Position;
        s.Advance();
        var start = s.Offset;
        while (true)
        {
            var c = s.Peek();
            if (c == '\'')
            {
                var value = s.Text.Substring(start, s.Offset - start);
                s.Advance();
                return value;
            }

            if (c is TomlChars.EndOfInput or '\n' or '\r')
            {
                throw s.Error($"The literal string that starts at {open} is not closed: expected \"'\" before {TomlChars.Describe(c)}.");
            }

            RejectControl(s, c, "literal strings");
            s.AdvanceChecked(c);
        }
    }

    private static string ReadMultilineBasic(TomlScanner s)
    {
        var text = s.Text;
        var open = s.Position;
        s.Advance(3);
        s.TryConsumeNewline(); // A newline right after the opening delimiter is trimmed.
        var sb = Begin(s);
        var runStart = s.Offset;
        while (true)
        {
            var c = s.Peek();
            switch (c)
            {
                case '"':
                    if (TryClose(s, '"', sb, text, runStart))
                    {
                        return sb.ToString();
                    }

                    break;
                case '\\':
                    sb.Append(text, runStart, s.Offset - runStart);
                    if (!SkipLineEndingBackslash(s))
                    {
                        TomlEscapes.Read(s, sb);
                    }

                    runStart = s.Offset;
                    break;
                case '\r' or '\n':
                    // CRLF is normalised to LF so the value does not depend on how the file was saved.
                    sb.Append(text, runStart, s.Offset - runStart).Append('\n');
                    s.TryConsumeNewline();
                    runStart = s.Offset;
                    break;
                case TomlChars.EndOfInput:
                    throw s.Error($"The multi-line string that starts at {open} is not closed: expected '\"\"\"' before the end of the document.");
                default:
                    RejectControl(s, c, "strings");
                    s.AdvanceChecked(c);
                    break;
            }
        }
    }

    private static string ReadMultilineLiteral(TomlScanner s)
    {
        var text = s.Text;
        var open = s.Position;
        s.Advance(3);
        s.TryConsumeNewline();
        var sb = Begin(s);
        var runStart = s.Offset;
        while (true)
        {
            var c = s.Peek();
            switch (c)
            {
                case '\'':
                    if (TryClose(s, '\'', sb, text, runStart))
                    {
                        return sb.ToString();
                    }

                    break;
                case '\r' or '\n':
                    sb.Append(text, runStart, s.Offset - runStart).Append('\n');
                    s.TryConsumeNewline();
                    runStart = s.Offset;
                    break;
                case TomlChars.EndOfInput:
                    throw s.Error($"The multi-line literal string that starts at {open} is not closed: expected \"'''\" before the end of the document.");
                default:
                    RejectControl(s, c, "literal strings");
                    s.AdvanceChecked(c);
                    break;
            }
        }
    }

    /// <summary>
    /// At a run of quotes inside a multi-line string: fewer than three are content; three or more close it,
    /// and up to two quotes before the closing three belong to the content.
    /// </summary>
    private static bool TryClose(TomlScanner s, char quote, StringBuilder sb, string text, int runStart)
    {
        var run = 0;
        while (run < 5 && s.Peek(run) == quote)
        {
            run++;
        }

        if (run < 3)
        {
            s.Advance(run);
            return false;
        }

        sb.Append(text, runStart, s.Offset - runStart).Append(quote, run - 3);
        s.Advance(run);
        return true;
    }

    /// <summary>A backslash that ends a line swallows the line end and all whitespace and newlines after it.</summary>
    private static bool SkipLineEndingBackslash(TomlScanner s)
    {
        var ahead = 1;
        while (TomlChars.IsWhitespace(s.Peek(ahead)))
        {
            ahead++;
        }

        if (s.Peek(ahead) is not ('\n' or '\r'))
        {
            return false;
        }

        s.Advance(ahead);
        s.SkipWhitespaceAndNewlines();
        return true;
    }

    private static void RejectControl(TomlScanner s, int c, string where)
    {
        if (TomlChars.IsForbiddenControl(c))
        {
            throw s.Error($"Control characters are not allowed in {where}, but found {TomlChars.Describe(c)}; write it as an escape such as \\u{c:X4} in a basic string.");
        }
    }

    private static StringBuilder Begin(TomlScanner s)
    {
        s.Buffer.Clear();
        return s.Buffer;
    }

    private static string Finish(string text, StringBuilder? sb, int runStart, int end) =>
        sb is null ? text.Substring(runStart, end - runStart) : sb.Append(text, runStart, end - runStart).ToString();
}
