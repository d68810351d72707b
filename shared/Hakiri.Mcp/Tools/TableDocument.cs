using System.Globalization;
using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Access;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Tools;

/// <summary>A table as JSON for agents: what it holds, where it comes from, its columns, and queries to start from.</summary>
internal static class TableDocument
{
    public const string ProvenanceExplanation =
        "Every row also has _hakiri_run_id (the run that wrote it), _hakiri_source (source file relative to the manifest, or a record locator), _hakiri_record (1-based record number in that source) and _hakiri_ingested_at (UTC). Keep them in a SELECT to cite where a row came from.";

    /// <summary>Writes the table; under a <paramref name="grant"/>, marks redacted columns and states the row filters applied.</summary>
    public static void Write(Utf8JsonWriter json, TableRecord table, TableGrant? grant = null, string? guideJson = null)
    {
        using var guide = guideJson is null ? null : JsonDocument.Parse(guideJson);
        var root = guide?.RootElement;
        json.WriteStartObject();
        json.WriteString("name", table.Name);
        json.WriteString("description", Description(table));
        if (root?.GetProperty("text").GetString() is { Length: > 0 } about)
        {
            json.WriteString("agent_description", about);
        }
        json.WriteString("pipeline", table.Pipeline);
        json.WriteString("connector", table.Connector);
        // Under a row filter the table's own counts would tell how many rows the caller cannot see.
        if (grant is null || (grant.Filters.Count == 0 && !grant.WithholdsRows))
        {
            json.WriteNumber("row_count", table.RowCount);
            json.WriteNumber("file_count", table.FileCount);
        }
        if (table.UpdatedAt is { } updated)
        {
            json.WriteString("updated_at", updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (table.UpdatedRunId is { } run)
        {
            json.WriteString("last_run", run);
        }

        json.WriteStartArray("primary_key");
        foreach (var key in table.PrimaryKey)
        {
            json.WriteStringValue(key);
        }

        json.WriteEndArray();
        json.WriteStartArray("columns");
        foreach (var column in table.Columns.Where(c => !ProvenanceColumns.Contains(c.Name)))
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type);
            if (root is { } r && r.GetProperty("columns").TryGetProperty(column.Name, out var meaning))
            {
                json.WriteString("description", meaning.GetString());
            }

            if (grant?.Redacts(column.Name) == true)
            {
                json.WriteBoolean("redacted", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (grant is not null)
        {
            WriteAccess(json, grant);
        }

        json.WriteStartArray("provenance_columns");
        foreach (var column in table.Columns.Where(c => ProvenanceColumns.Contains(c.Name)))
        {
            json.WriteStringValue(column.Name);
        }

        json.WriteEndArray();
        if (root is { } indexes && indexes.GetProperty("indexes").EnumerateObject().Any())
        {
            WriteIndexes(json, table, indexes.GetProperty("indexes"));
        }

        json.WriteStartArray("example_queries");
        foreach (var example in (root?.GetProperty("examples").EnumerateArray().Select(e => e.GetString()!) ?? []).Concat(Examples(table)))
        {
            json.WriteStringValue(example);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // What the table's sidecars allow, said as the call that uses them.
    private static void WriteIndexes(Utf8JsonWriter json, TableRecord table, JsonElement indexes)
    {
        json.WriteStartObject("indexes");
        if (indexes.TryGetProperty("fts", out var fts))
        {
            json.WritePropertyName("full_text");
            fts.WriteTo(json);
        }

        if (indexes.TryGetProperty("vector", out var vector))
        {
            json.WritePropertyName("vector");
            vector.WriteTo(json);
        }

        var uses = new List<string>();
        if (indexes.TryGetProperty("fts", out _))
        {
            uses.Add($"context.query with table = \"{table.Name}\" and search = \"words, a \\\"quoted phrase\\\" or a prefix*\" ranks rows by BM25");
        }

        if (indexes.TryGetProperty("vector", out var v))
        {
            uses.Add(v.TryGetProperty("model", out _)
                ? "similar_to = \"text\" (or a row, e.g. {\"<key>\": \"…\"}) ranks rows by meaning"
                : "similar_to = a row, e.g. {\"<key>\": \"…\"}, ranks rows by vector distance");
        }

        json.WriteString("how_to_use", string.Join("; ", uses) + "; add 'filter' to narrow, and both search and similar_to to fuse the two rankings.");
        json.WriteEndObject();
    }

    private static void WriteAccess(Utf8JsonWriter json, TableGrant grant)
    {
        json.WriteStartArray("row_filters");
        foreach (var filter in grant.Filters)
        {
            json.WriteStringValue(filter.Text);
        }

        json.WriteEndArray();
        if (grant.Filters.Count > 0 || grant.Redact.Count > grant.Withheld.Count(w => w.Column is not null))
        {
            json.WriteString(
                "access_note",
                "Your token shows only the rows its row_filters admit, and redacted columns read as NULL; counts and aggregates cover only those rows.");
        }

        WithheldOutput.Write(json, grant.Withheld);
    }

    public static string Description(TableRecord table) =>
        string.IsNullOrWhiteSpace(table.Description)
            ? $"Records landed by the '{table.Pipeline}' pipeline through the '{table.Connector}' connector."
            : table.Description.Trim();

    /// <summary>Starting points that are valid SQL for this table's own columns.</summary>
    public static IReadOnlyList<string> Examples(TableRecord table)
    {
        var name = Identifier(table.Name);
        var data = table.Columns.Where(c => !ProvenanceColumns.Contains(c.Name)).ToArray();
        var examples = new List<string> { $"SELECT * FROM {name} LIMIT 10" };
        if (table.PrimaryKey.Count == 1)
        {
            examples.Add($"SELECT * FROM {name} WHERE {Identifier(table.PrimaryKey[0])} = ?  -- one record and its provenance");
        }

        if (data.FirstOrDefault(c => c.Type is "VARCHAR" && !table.PrimaryKey.Contains(c.Name)) is { } text)
        {
            examples.Add($"SELECT {Identifier(text.Name)}, count(*) AS n FROM {name} GROUP BY ALL ORDER BY n DESC LIMIT 20");
        }

        if (data.FirstOrDefault(c => c.Type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || c.Type == "DATE") is { } time)
        {
            examples.Add($"SELECT * FROM {name} ORDER BY {Identifier(time.Name)} DESC LIMIT 10");
        }

        examples.Add($"SELECT _hakiri_source, count(*) AS n FROM {name} GROUP BY ALL  -- rows per source");
        return examples;
    }

    // Plain lower-case names read better unquoted in examples; anything else is quoted so the example stays valid.
    private static string Identifier(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]) && !Reserved.Contains(name)
            ? name
            : Sql.Identifier(name);

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "and", "as", "by", "case", "from", "group", "having", "in", "limit", "not", "or", "order", "select", "table", "to", "user", "where", "window", "with",
    };
}
