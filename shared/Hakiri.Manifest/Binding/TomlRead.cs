using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Typed reads of values the shape checker has already vetted; a wrong or missing value reads as absent.</summary>
internal static class TomlRead
{
    public static TomlTable? Table(TomlTable table, string key) => table[key] as TomlTable;

    public static string? String(TomlTable table, string key) => (table[key] as TomlString)?.Value;

    public static TomlString? StringNode(TomlTable table, string key) => table[key] as TomlString;

    public static long? Integer(TomlTable table, string key) => (table[key] as TomlInteger)?.Value;

    public static bool? Boolean(TomlTable table, string key) => (table[key] as TomlBoolean)?.Value;

    public static IReadOnlyList<TomlString> Strings(TomlTable table, string key) =>
        table[key] is TomlArray array ? array.OfType<TomlString>().ToArray() : [];

    /// <summary>The position of a character inside a string value, assuming a one-line string without escapes.</summary>
    public static TomlPosition Inside(TomlString value, int offset) => value.Position with { Column = value.Position.Column + 1 + offset };
}
