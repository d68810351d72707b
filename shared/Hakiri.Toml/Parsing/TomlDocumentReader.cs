namespace Hakiri.Toml.Parsing;

/// <summary>Reads a document line by line: blank lines, comments, table headers and key/value pairs.</summary>
internal static class TomlDocumentReader
{
    public static TomlTable Read(string text)
    {
        var s = new TomlScanner(text);
        var root = new TomlTable(TomlPosition.Start, TomlTableOrigin.Root);
        var current = root;
        while (true)
        {
            s.SkipWhitespace();
            switch (s.Peek())
            {
                case TomlChars.EndOfInput:
                    return root;
                case '#':
                    if (!s.TryEndLine())
                    {
                        throw s.EndOfLineError("the comment");
                    }

                    break;
                case '\n' or '\r':
                    s.TryConsumeNewline();
                    break;
                case '[':
                    current = ReadHeader(s, root);
                    break;
                default:
                    ReadKeyValue(s, current);
                    break;
            }
        }
    }

    private static TomlTable ReadHeader(TomlScanner s, TomlTable root)
    {
        var header = s.Position;
        s.Advance();
        var isArray = s.Peek() == '[';
        if (isArray)
        {
            s.Advance();
        }

        s.SkipWhitespace();
        var parts = TomlKeyReader.Read(s, isArray ? TomlKeyContext.ArrayHeader : TomlKeyContext.TableHeader, out var name);
        if (s.Peek() != ']' || (isArray && s.Peek(1) != ']'))
        {
            var at = s.Peek() == ']' ? 1 : 0;
            var found = TomlChars.Describe(s.Peek(at));
            s.Advance(at);
            throw s.Error(isArray
                ? $"Expected ']]' to close the header [[{name}]], but found {found}."
                : $"Expected ']' to close the header [{name}], but found {found}.");
        }

        s.Advance(isArray ? 2 : 1);
        var table = isArray
            ? TomlTableRules.AppendArrayElement(root, parts, header)
            : TomlTableRules.DeclareTable(root, parts, header);
        if (!s.TryEndLine())
        {
            throw s.EndOfLineError(isArray ? $"the header [[{name}]]" : $"the header [{name}]");
        }

        return table;
    }

    private static void ReadKeyValue(TomlScanner s, TomlTable current)
    {
        var parts = TomlKeyReader.Read(s, TomlKeyContext.Line, out var key);
        if (s.Peek() != '=')
        {
            throw TomlValueReader.MissingEquals(s, key);
        }

        s.Advance();
        var target = TomlTableRules.ResolveKeyValue(current, parts);
        var last = parts[^1];
        s.SkipWhitespace();
        target.Add(last.Name, last.Position, TomlValueReader.Read(s, 0));
        if (!s.TryEndLine())
        {
            throw s.EndOfLineError($"the value of key '{key}'");
        }
    }
}
