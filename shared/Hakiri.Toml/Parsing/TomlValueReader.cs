namespace Hakiri.Toml.Parsing;

/// <summary>Reads one value of any type, including arrays and inline tables with their nesting.</summary>
internal static class TomlValueReader
{
    /// <summary>How deeply arrays and inline tables may nest, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 128;

    public static TomlNode Read(TomlScanner s, int depth)
    {
        var c = s.Peek();
        switch (c)
        {
            case '"' or '\'':
                var position = s.Position;
                return new TomlString(TomlStringReader.ReadValue(s), position);
            case '[':
                return ReadArray(s, depth + 1);
            case '{':
                return ReadInlineTable(s, depth + 1);
        }

        if (TomlDateTimeReader.LooksLikeDateOrTime(s))
        {
            return TomlDateTimeReader.Read(s);
        }

        if (TomlChars.IsBareValueChar(c))
        {
            return TomlNumberReader.Read(s);
        }

        throw s.Error($"Expected a value, but found {TomlChars.Describe(c)}.");
    }

    private static TomlArray ReadArray(TomlScanner s, int depth)
    {
        var open = s.Position;
        CheckDepth(s, depth);
        s.Advance();
        var array = new TomlArray(open);
        while (true)
        {
            s.SkipTrivia();
            if (s.Peek() == ']')
            {
                s.Advance();
                return array;
            }

            if (s.AtEnd)
            {
                throw s.Error($"The array opened at {open} is not closed: expected ']' before the end of the document.");
            }

            array.Add(Read(s, depth));
            s.SkipTrivia();
            switch (s.Peek())
            {
                case ',':
                    s.Advance();
                    break;
                case ']':
                    s.Advance();
                    return array;
                case TomlChars.EndOfInput:
                    throw s.Error($"The array opened at {open} is not closed: expected ']' before the end of the document.");
                default:
                    throw s.Error($"Expected ',' or ']' after an element of the array opened at {open}, but found {TomlChars.Describe(s.Peek())}.");
            }
        }
    }

    private static TomlTable ReadInlineTable(TomlScanner s, int depth)
    {
        var open = s.Position;
        CheckDepth(s, depth);
        s.Advance();
        var table = new TomlTable(open, TomlTableOrigin.Inline);
        s.SkipWhitespace();
        if (s.Peek() == '}')
        {
            s.Advance();
            return table;
        }

        while (true)
        {
            RejectNewline(s, open);
            var parts = TomlKeyReader.Read(s, TomlKeyContext.InlineTable, out var key);
            if (s.Peek() != '=')
            {
                throw MissingEquals(s, key);
            }

            s.Advance();
            var target = TomlTableRules.ResolveKeyValue(table, parts);
            var last = parts[^1];
            s.SkipWhitespace();
            RejectNewline(s, open);
            target.Add(last.Name, last.Position, Read(s, depth));
            s.SkipWhitespace();
            RejectNewline(s, open);
            switch (s.Peek())
            {
                case ',':
                    s.Advance();
                    s.SkipWhitespace();
                    if (s.Peek() == '}')
                    {
                        throw s.Error($"Inline tables may not end with a trailing comma (the one opened at {open} does).");
                    }

                    break;
                case '}':
                    s.Advance();
                    return table;
                default:
                    throw s.Error($"Expected ',' or '}}' after the value of key '{key}' in the inline table opened at {open}, but found {TomlChars.Describe(s.Peek())}.");
            }
        }
    }

    public static TomlSyntaxException MissingEquals(TomlScanner s, TomlKeyText key) =>
        s.Error($"Expected '=' after the key '{key}', but found {TomlChars.Describe(s.Peek())}.");

    private static void RejectNewline(TomlScanner s, TomlPosition open)
    {
        if (s.Peek() is '\n' or '\r')
        {
            throw s.Error($"The inline table opened at {open} must stay on one line in TOML 1.0; use a [table] header for longer tables.");
        }
    }

    private static void CheckDepth(TomlScanner s, int depth)
    {
        if (depth > MaxDepth)
        {
            throw s.Error($"Arrays and inline tables are nested more than {MaxDepth} levels deep here.");
        }
    }
}
