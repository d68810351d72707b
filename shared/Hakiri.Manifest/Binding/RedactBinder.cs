using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>
/// Reads a pipeline's <c>redact</c> key (a list, or a table with <c>columns</c> and <c>mode</c>) and refuses what the
/// shape cannot: provenance columns, a column named twice in different case, a dropped primary key or indexed column.
/// A hashed primary key is allowed: equal keys hash equal, so upserts and joins still match.
/// </summary>
internal static class RedactBinder
{
    public static RedactionManifest Bind(TomlNode? node, string pipeline, IReadOnlyList<string> primaryKey, IndexesManifest indexes, DiagnosticBag diagnostics)
    {
        var (columns, mode) = node switch
        {
            TomlArray array => (array.OfType<TomlString>().ToArray(), RedactionMode.Drop),
            TomlTable table => (TomlRead.Strings(table, "columns").ToArray(), TomlRead.String(table, "mode") == "hash" ? RedactionMode.Hash : RedactionMode.Drop),
            _ => (Array.Empty<TomlString>(), RedactionMode.Drop),
        };
        var where = $"'redact' in [pipelines.{pipeline}]";
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var at = column.Position;
            // An exact repeat was reported by the shape checker (uniqueItems); only a repeat in other case is left.
            var repeatedInOtherCase = !seen.Add(column.Value) && exact.Add(column.Value);
            exact.Add(column.Value);
            if (column.Value.StartsWith("_hakiri_", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Error(at.Line, at.Column, $"{where} names '{column.Value}', a provenance column Hakiri writes itself; it cannot be redacted",
                    $"remove '{column.Value}' from redact");
            }
            else if (repeatedInOtherCase)
            {
                diagnostics.Error(at.Line, at.Column, $"{where} names '{column.Value}' twice (column names are case-insensitive)", "remove the repeated column");
            }
            else if (mode == RedactionMode.Drop && primaryKey.Contains(column.Value, StringComparer.OrdinalIgnoreCase))
            {
                diagnostics.Error(at.Line, at.Column, $"{where} drops '{column.Value}', a primary_key column: a table cannot lose its key",
                    $"use redact = {{ columns = [\"{column.Value}\"], mode = \"hash\" }} (equal keys hash equal, so upserts still match) or remove it from redact");
            }
            else if (mode == RedactionMode.Drop && Indexed(indexes, column.Value))
            {
                diagnostics.Error(at.Line, at.Column, $"{where} drops '{column.Value}', which [pipelines.{pipeline}.indexes] indexes",
                    $"remove '{column.Value}' from the indexes or from redact");
            }
        }

        return columns.Length == 0 ? RedactionManifest.None : new RedactionManifest(columns.Select(c => c.Value).ToArray(), mode);
    }

    private static bool Indexed(IndexesManifest indexes, string column) =>
        indexes.FullText.Contains(column, StringComparer.OrdinalIgnoreCase)
        || string.Equals(indexes.Vector?.Column, column, StringComparison.OrdinalIgnoreCase);
}
