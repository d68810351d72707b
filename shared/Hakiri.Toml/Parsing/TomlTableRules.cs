namespace Hakiri.Toml.Parsing;

/// <summary>
/// Where headers and dotted keys may put tables and values: TOML's rules against defining a key twice,
/// reopening a table, extending an inline table, or appending to a static array.
/// </summary>
internal static class TomlTableRules
{
    /// <summary>
    /// Walks the dotted part of a key inside <paramref name="table"/>, creating the tables it implies,
    /// and returns the table that will receive the last part, which must not be defined yet.
    /// </summary>
    public static TomlTable ResolveKeyValue(TomlTable table, List<TomlKeyPart> parts)
    {
        for (var i = 0; i < parts.Count - 1; i++)
        {
            var part = parts[i];
            if (!table.TryGetEntry(part.Name, out var entry))
            {
                var created = new TomlTable(part.Position, TomlTableOrigin.DottedKey);
                table.Add(part.Name, part.Position, created);
                table = created;
                continue;
            }

            // Message text is built only on the failing branches: this loop runs for every dotted key.
            var name = new KeyName(parts, i + 1);
            var key = new KeyName(parts, parts.Count);
            switch (entry.Value)
            {
                case TomlTable { Origin: TomlTableOrigin.DottedKey } child:
                    table = child;
                    break;
                case TomlTable { Origin: TomlTableOrigin.Implicit } child:
                    // Once dotted keys have added to it, a header may no longer claim it.
                    child.Origin = TomlTableOrigin.DottedKey;
                    table = child;
                    break;
                case TomlTable { Origin: TomlTableOrigin.Inline } child:
                    throw TomlScanner.Error($"The inline table '{name}' (at {child.Position}) is complete once closed; the dotted key '{key}' cannot add to it.", part.Position);
                case TomlTable child:
                    throw TomlScanner.Error($"The dotted key '{key}' reaches into the table declared by the header at {child.Position}; a table with its own header cannot be extended by dotted keys, so write the key under that header instead.", part.Position);
                case TomlArray { IsArrayOfTables: true } array:
                    throw TomlScanner.Error($"The key '{name}' is an array of tables (declared at {array.Position}), so the dotted key '{key}' cannot treat it as a table.", part.Position);
                case TomlArray:
                    throw TomlScanner.Error($"The key '{name}' is an array (defined at {entry.KeyPosition}), so the dotted key '{key}' cannot treat it as a table.", part.Position);
                default:
                    throw TomlScanner.Error($"The key '{name}' is already {Article(entry.Value)} (defined at {entry.KeyPosition}), so the dotted key '{key}' cannot treat it as a table.", part.Position);
            }
        }

        var last = parts[^1];
        if (table.TryGetEntry(last.Name, out var existing))
        {
            throw TomlScanner.Error($"The key '{TomlKeyReader.Format(parts, parts.Count)}' is defined twice (first at {existing.KeyPosition}).", last.Position);
        }

        return table;
    }

    /// <summary>Applies a <c>[table]</c> header and returns the table it opens.</summary>
    public static TomlTable DeclareTable(TomlTable root, List<TomlKeyPart> parts, TomlPosition header)
    {
        var parent = ResolveHeaderParent(root, parts);
        var last = parts[^1];
        if (!parent.TryGetEntry(last.Name, out var entry))
        {
            var created = new TomlTable(header, TomlTableOrigin.Header);
            parent.Add(last.Name, last.Position, created);
            return created;
        }

        if (entry.Value is TomlTable { Origin: TomlTableOrigin.Implicit } implicitTable)
        {
            implicitTable.Declare(header);
            parent.MoveKey(last.Name, last.Position);
            return implicitTable;
        }

        var name = TomlKeyReader.Format(parts, parts.Count);
        throw TomlScanner.Error(entry.Value switch
        {
            TomlTable { Origin: TomlTableOrigin.DottedKey } t => $"The table [{name}] was already created by dotted keys at {t.Position}; a header cannot reopen it.",
            TomlTable { Origin: TomlTableOrigin.Inline } t => $"The table [{name}] was already defined as an inline table at {t.Position}; inline tables cannot be extended.",
            TomlTable t => $"The table [{name}] is defined twice (first at {t.Position}).",
            TomlArray { IsArrayOfTables: true } a => $"[{name}] is an array of tables (first declared at {a.Position}); write [[{name}]] to add an element to it.",
            _ => $"The key '{name}' is already {Article(entry.Value)} (defined at {entry.KeyPosition}), so [{name}] cannot make it a table.",
        }, last.Position);
    }

    /// <summary>Applies a <c>[[array]]</c> header and returns the new element table it opens.</summary>
    public static TomlTable AppendArrayElement(TomlTable root, List<TomlKeyPart> parts, TomlPosition header)
    {
        var parent = ResolveHeaderParent(root, parts);
        var last = parts[^1];
        var element = new TomlTable(header, TomlTableOrigin.ArrayElement);
        if (!parent.TryGetEntry(last.Name, out var entry))
        {
            var array = new TomlArray(header, isArrayOfTables: true);
            array.Add(element);
            parent.Add(last.Name, last.Position, array);
            return element;
        }

        if (entry.Value is TomlArray { IsArrayOfTables: true } existing)
        {
            existing.Add(element);
            return element;
        }

        var name = TomlKeyReader.Format(parts, parts.Count);
        throw TomlScanner.Error(entry.Value switch
        {
            TomlArray a => $"The key '{name}' holds a static array (defined at {a.Position}), which [[{name}]] cannot append to.",
            TomlTable t => $"[[{name}]] cannot turn the table '{name}' (defined at {t.Position}) into an array of tables.",
            _ => $"The key '{name}' is already {Article(entry.Value)} (defined at {entry.KeyPosition}), so [[{name}]] cannot make it an array of tables.",
        }, last.Position);
    }

    /// <summary>Walks all but the last part of a header, creating implicit tables and entering the last element of arrays of tables.</summary>
    private static TomlTable ResolveHeaderParent(TomlTable table, List<TomlKeyPart> parts)
    {
        for (var i = 0; i < parts.Count - 1; i++)
        {
            var part = parts[i];
            if (!table.TryGetEntry(part.Name, out var entry))
            {
                var created = new TomlTable(part.Position, TomlTableOrigin.Implicit);
                table.Add(part.Name, part.Position, created);
                table = created;
                continue;
            }

            var name = new KeyName(parts, i + 1);
            var header = new KeyName(parts, parts.Count);
            table = entry.Value switch
            {
                TomlTable { Origin: TomlTableOrigin.Inline } t => throw TomlScanner.Error($"The inline table '{name}' (at {t.Position}) is complete once closed; the header [{header}] cannot add to it.", part.Position),
                TomlTable t => t,
                TomlArray { IsArrayOfTables: true } a => (TomlTable)a[a.Count - 1],
                TomlArray a => throw TomlScanner.Error($"The key '{name}' holds a static array (defined at {a.Position}), so the header [{header}] cannot add to it.", part.Position),
                _ => throw TomlScanner.Error($"The key '{name}' is already {Article(entry.Value)} (defined at {entry.KeyPosition}), so the header [{header}] cannot treat it as a table.", part.Position),
            };
        }

        return table;
    }

    private static string Article(TomlNode node)
    {
        var type = node.TypeName;
        return (type[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + type;
    }

    /// <summary>A key path that is formatted only if it ends up in a message.</summary>
    private readonly struct KeyName(List<TomlKeyPart> parts, int count)
    {
        public override string ToString() => TomlKeyReader.Format(parts, count);
    }
}
