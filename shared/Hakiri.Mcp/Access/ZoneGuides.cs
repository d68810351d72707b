using System.Text.Json;
using Hakiri.Access.Zones;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Reads what a table guide (the catalog's <c>table_guides</c>, written by the index step from the manifest) says about
/// inference zones, and which columns the table's search indexes rank by.
/// </summary>
internal static class ZoneGuides
{
    /// <summary>The table's zone policy, or <see langword="null"/> when its guide sets none (or there is no guide).</summary>
    public static ZonePolicy? Policy(string? guideJson)
    {
        if (guideJson is null)
        {
            return null;
        }

        using var guide = JsonDocument.Parse(guideJson);
        if (!guide.RootElement.TryGetProperty("zones", out var zones) || zones.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var table = zones.TryGetProperty("table", out var list) ? Strings(list) : null;
        var columns = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (zones.TryGetProperty("columns", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var column in map.EnumerateObject())
            {
                columns[column.Name] = Strings(column.Value);
            }
        }

        var policy = new ZonePolicy(table, columns);
        return policy.Any ? policy : null;
    }

    /// <summary>The columns the table's full-text and vector indexes are built over, as its guide declares them.</summary>
    public static IReadOnlyList<string> IndexedColumns(string? guideJson)
    {
        if (guideJson is null)
        {
            return [];
        }

        using var guide = JsonDocument.Parse(guideJson);
        var columns = new List<string>();
        if (guide.RootElement.TryGetProperty("indexes", out var indexes))
        {
            if (indexes.TryGetProperty("fts", out var fts) && fts.TryGetProperty("columns", out var list))
            {
                columns.AddRange(Strings(list));
            }

            if (indexes.TryGetProperty("vector", out var vector) && vector.TryGetProperty("column", out var column) && column.GetString() is { } name)
            {
                columns.Add(name);
            }
        }

        return columns;
    }

    // A guide whose zone list is damaged admits nobody: an unreadable entry must not widen.
    private static string[] Strings(JsonElement list) => list.ValueKind == JsonValueKind.Array
        ? [.. list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty)]
        : [];
}
