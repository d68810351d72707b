using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>
/// Reads a pipeline's <c>inference_zone_allowed</c> and its <c>columns</c> table (shapes and zone names were checked
/// already) and refuses what the shape cannot: a provenance column, a column named twice in different case.
/// </summary>
internal static class ColumnsBinder
{
    public static IReadOnlyList<string>? Zones(TomlTable pipeline) =>
        pipeline.TryGetValue("inference_zone_allowed", out _) ? TomlRead.Strings(pipeline, "inference_zone_allowed").Select(s => s.Value).ToArray() : null;

    public static IReadOnlyDictionary<string, ColumnManifest> Bind(TomlTable pipeline, string name, DiagnosticBag diagnostics)
    {
        var columns = new Dictionary<string, ColumnManifest>(StringComparer.OrdinalIgnoreCase);
        if (TomlRead.Table(pipeline, "columns") is not { } table)
        {
            return columns;
        }

        foreach (var entry in table.Entries)
        {
            if (entry.Value is not TomlTable column)
            {
                continue;
            }

            var at = entry.KeyPosition;
            if (entry.Key.StartsWith("_hakiri_", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Error(at.Line, at.Column, $"[pipelines.{name}.columns] names '{entry.Key}', a provenance column Hakiri writes itself",
                    $"remove [pipelines.{name}.columns.{entry.Key}]");
                continue;
            }

            if (columns.ContainsKey(entry.Key))
            {
                diagnostics.Error(at.Line, at.Column, $"[pipelines.{name}.columns] names '{entry.Key}' twice (column names are case-insensitive)",
                    "keep one table per column");
                continue;
            }

            columns[entry.Key] = new ColumnManifest(Zones(column), TomlRead.Strings(column, "tags").Select(s => s.Value).ToArray());
        }

        return columns;
    }
}
