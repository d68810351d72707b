using System.Text.RegularExpressions;
using Hakiri.Manifest.Text;
using Hakiri.Model.Diagnostics;
using Hakiri.Toml;

namespace Hakiri.Manifest.Schema;

/// <summary>
/// Checks a TOML document against a <see cref="Shape"/> and reports every mismatch with its position: unknown keys
/// (with "did you mean"), wrong types, missing keys, values outside their set, range or pattern.
/// </summary>
internal sealed class ShapeChecker(DiagnosticBag diagnostics, string rootName)
{
    /// <summary>Discriminator values the document declares for a union's open variant (the [connectors] names).</summary>
    public IReadOnlyCollection<string> DeclaredVariants { get; init; } = [];

    /// <summary>Checks a table; returns whether it matched without errors.</summary>
    public bool CheckTable(TomlTable table, TableShape shape, string path)
    {
        var ok = true;
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in table.Entries)
        {
            var field = shape.Find(entry.Key);
            if (field is null)
            {
                var keys = shape.Fields.Select(f => f.Key).ToArray();
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column,
                    $"unknown key '{entry.Key}' in {KeyPaths.Table(path, rootName)}", Suggestions.Hint(entry.Key, keys, "allowed keys are"));
                if (Suggestions.Closest(entry.Key, keys) is { } close)
                {
                    suggested.Add(close);
                }

                ok = false;
                continue;
            }

            if (field.Shape is RetiredShape retired)
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column, retired.Message, retired.Hint);
                ok = false;
                continue;
            }

            ok &= CheckValue(entry.Value, field, KeyPaths.Append(path, entry.Key), path);
        }

        // A misspelt required key was just reported with its correction; saying it is missing too would be the same problem twice.
        foreach (var field in shape.Fields.Where(f => f.Required && !table.TryGetValue(f.Key, out _) && !suggested.Contains(f.Key)))
        {
            var example = field.Example?.Replace("<name>", LastKey(path), StringComparison.Ordinal);
            var hint = example is null ? null : field.Shape is TableShape or MapShape or UnionShape && example.StartsWith('[')
                ? $"add {example}"
                : $"add {example}" + (path.Length == 0 ? string.Empty : $" under {KeyPaths.Table(path, rootName)}");
            diagnostics.Error(table.Position.Line, table.Position.Column,
                $"{KeyPaths.Table(path, rootName)} has no '{field.Key}'", hint);
            ok = false;
        }

        foreach (var field in shape.Fields.Where(f => f.Requires is not null && table.TryGetValue(f.Key, out _) && !table.TryGetValue(f.Requires, out _)))
        {
            table.TryGetEntry(field.Key, out var entry);
            var other = shape.Find(field.Requires!);
            var where = KeyPaths.Table(path, rootName);
            diagnostics.Error(entry!.KeyPosition.Line, entry.KeyPosition.Column, $"'{field.Key}' in {where} needs '{field.Requires}' as well",
                other?.Example is { } example ? $"add {example} under {where}, or remove '{field.Key}'" : $"add '{field.Requires}' or remove '{field.Key}'");
            ok = false;
        }

        return ok;
    }

    private bool CheckValue(TomlNode value, FieldShape field, string path, string parentPath)
    {
        var name = $"'{field.Key}' in {KeyPaths.Table(parentPath, rootName)}";
        return Check(value, field.Shape, path, name, field.Example);
    }

    private bool Check(TomlNode value, Shape shape, string path, string name, string? example)
    {
        if (!KindMatches(value, shape))
        {
            diagnostics.Error(value.Position.Line, value.Position.Column,
                $"{name} must be {shape.Noun}, not {Article(value.TypeName)}",
                example is null || example.StartsWith('[') ? null : $"write it as {example}");
            return false;
        }

        return shape switch
        {
            StringShape s => CheckString((TomlString)value, s, name),
            IntegerShape i => CheckInteger((TomlInteger)value, i, name),
            ArrayShape a => CheckArray((TomlArray)value, a, path, name),
            TableShape t => CheckTable((TomlTable)value, t, path),
            MapShape m => CheckMap((TomlTable)value, m, path),
            DictionaryShape d => CheckDictionary((TomlTable)value, d, path),
            UnionShape u => CheckUnion((TomlTable)value, u, path),
            ArrayOrTableShape e => value is TomlArray array ? CheckArray(array, e.Short, path, name) : CheckTable((TomlTable)value, e.Long, path),
            _ => true,
        };
    }

    private bool CheckString(TomlString value, StringShape shape, string name)
    {
        if (shape.Values is { } values && !values.Contains(value.Value, StringComparer.Ordinal))
        {
            diagnostics.Error(value.Position.Line, value.Position.Column,
                $"{name} must be one of {string.Join(", ", values)}, not '{value.Value}'",
                Suggestions.Closest(value.Value, values) is { } close ? $"did you mean '{close}'?" : null);
            return false;
        }

        if (shape.Pattern is { } pattern && !Regex.IsMatch(value.Value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            diagnostics.Error(value.Position.Line, value.Position.Column, $"{name} is not valid: '{value.Value}'", shape.PatternHint);
            return false;
        }

        return true;
    }

    private bool CheckInteger(TomlInteger value, IntegerShape shape, string name)
    {
        if (value.Value >= shape.Minimum && value.Value <= shape.Maximum)
        {
            return true;
        }

        diagnostics.Error(value.Position.Line, value.Position.Column,
            $"{name} must be between {shape.Minimum} and {shape.Maximum}, not {value.Value}");
        return false;
    }

    private bool CheckArray(TomlArray array, ArrayShape shape, string path, string name)
    {
        var ok = true;
        if (array.Count < shape.MinItems)
        {
            diagnostics.Error(array.Position.Line, array.Position.Column,
                $"{name} must list at least {shape.MinItems} item{(shape.MinItems == 1 ? string.Empty : "s")}");
            ok = false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (!Check(item, shape.Items, path, $"item {i + 1} of {name}", null))
            {
                ok = false;
            }
            else if (shape.UniqueItems && item is TomlString s && !seen.Add(s.Value))
            {
                diagnostics.Error(item.Position.Line, item.Position.Column, $"'{s.Value}' appears more than once in {name}", "remove the repeated item");
                ok = false;
            }
        }

        return ok;
    }

    private bool CheckMap(TomlTable table, MapShape shape, string path)
    {
        var ok = true;
        if (table.Count < shape.MinEntries)
        {
            diagnostics.Error(table.Position.Line, table.Position.Column, $"{KeyPaths.Table(path, rootName)} declares nothing",
                $"add at least one [{path}.<name>] table");
            ok = false;
        }

        foreach (var entry in table.Entries)
        {
            var entryPath = KeyPaths.Append(path, entry.Key);
            if (!Regex.IsMatch(entry.Key, shape.KeyPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column, $"the name '{entry.Key}' in [{path}] is not valid", shape.KeyHint);
                ok = false;
            }
            else if (shape.ReservedKeys.Contains(entry.Key, StringComparer.Ordinal))
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column, $"the name '{entry.Key}' in [{path}] is taken", shape.ReservedHint);
                ok = false;
            }

            if (entry.Value is not TomlTable inner)
            {
                diagnostics.Error(entry.Value.Position.Line, entry.Value.Position.Column,
                    $"'{entry.Key}' in [{path}] must be a table, not {Article(entry.Value.TypeName)}", $"write it as a [{entryPath}] table");
                ok = false;
                continue;
            }

            ok &= CheckTable(inner, shape.Values, entryPath);
        }

        return ok;
    }

    private bool CheckDictionary(TomlTable table, DictionaryShape shape, string path)
    {
        var ok = true;
        var where = KeyPaths.Table(path, rootName);
        foreach (var entry in table.Entries)
        {
            if (shape.KeyPattern is { } pattern && !Regex.IsMatch(entry.Key, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column, $"the name '{entry.Key}' in {where} is not valid", shape.KeyHint);
                ok = false;
            }

            ok &= Check(entry.Value, shape.Values, KeyPaths.Append(path, entry.Key), $"'{entry.Key}' in {where}", null);
        }

        return ok;
    }

    private bool CheckUnion(TomlTable table, UnionShape shape, string path)
    {
        var where = KeyPaths.Table(path, rootName);
        if (!table.TryGetValue(shape.Discriminator, out var discriminator))
        {
            diagnostics.Error(table.Position.Line, table.Position.Column, $"{where} has no '{shape.Discriminator}'",
                $"add {shape.Discriminator} = \"{shape.Variants.Keys.First()}\" (available: {string.Join(", ", shape.Variants.Keys)})");
            return false;
        }

        if (discriminator is not TomlString name)
        {
            diagnostics.Error(discriminator.Position.Line, discriminator.Position.Column,
                $"'{shape.Discriminator}' in {where} must be a string, not {Article(discriminator.TypeName)}");
            return false;
        }

        if (!shape.Variants.TryGetValue(name.Value, out var variant))
        {
            if (shape.Open is not null && DeclaredVariants.Contains(name.Value, StringComparer.Ordinal))
            {
                // Config keys belong to the connector; only it can say which it reads.
                return true;
            }

            ReportUnknownVariant(name, shape, where);
            return false;
        }

        return CheckTable(table, variant, path);
    }

    private void ReportUnknownVariant(TomlString name, UnionShape shape, string where)
    {
        var candidates = shape.Variants.Keys.Concat(shape.Open is null ? [] : DeclaredVariants).ToArray();
        var available = $"available {shape.Discriminator}s are {string.Join(", ", shape.Variants.Keys)}";
        if (shape.Open is not null)
        {
            available = DeclaredVariants.Count == 0
                ? $"built-in {shape.Discriminator}s are {string.Join(", ", shape.Variants.Keys)}; declare a WebAssembly {shape.Discriminator} as [{shape.Discriminator}s.{name.Value}]"
                : $"built-in {shape.Discriminator}s are {string.Join(", ", shape.Variants.Keys)}; declared: {string.Join(", ", DeclaredVariants)}";
        }

        diagnostics.Error(name.Position.Line, name.Position.Column, $"unknown {shape.Discriminator} '{name.Value}' in {where}",
            Suggestions.Closest(name.Value, candidates) is { } close ? $"did you mean '{close}'? ({available})" : available);
    }

    private static bool KindMatches(TomlNode value, Shape shape) => shape switch
    {
        StringShape => value.Kind == TomlKind.String,
        IntegerShape => value.Kind == TomlKind.Integer,
        BooleanShape => value.Kind == TomlKind.Boolean,
        ScalarShape => value.Kind is TomlKind.String or TomlKind.Integer or TomlKind.Boolean,
        ArrayShape => value is TomlArray { IsArrayOfTables: false },
        ArrayOrTableShape => value is TomlArray { IsArrayOfTables: false } || value.Kind == TomlKind.Table,
        _ => value.Kind == TomlKind.Table,
    };

    private static string Article(string noun) => noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? $"an {noun}" : $"a {noun}";

    private static string LastKey(string path) => path.Length == 0 ? path : path[(path.LastIndexOf('.') + 1)..];
}
