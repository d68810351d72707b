using System.Text.Json;
using Hakiri.DuckDb;
using Hakiri.Mcp.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Query;

/// <summary>The store tables a SELECT reads, found in DuckDB's own parse tree (<c>json_serialize_sql</c>), for provenance.</summary>
internal static class SourceTables
{
    public static IReadOnlyList<TableRecord> Of(DuckDbConnection connection, string sql, StoreSnapshot snapshot)
    {
        string? tree;
        try
        {
            // A literal, not a parameter: the function parses its argument while binding, so it must be constant.
            using var reader = connection.Query($"SELECT json_serialize_sql({Sql.Literal(sql)})");
            tree = reader.Read() && !reader.IsNull(0) ? reader.GetString(0) : null;
        }
        catch (DuckDbException)
        {
            return [];
        }

        if (tree is null)
        {
            return [];
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var document = JsonDocument.Parse(tree, new JsonDocumentOptions { MaxDepth = 1024 }))
        {
            Collect(document.RootElement, names);
        }

        return snapshot.Tables.Where(t => names.Contains(t.Name)).ToArray();
    }

    private static void Collect(JsonElement node, HashSet<string> names)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("BASE_TABLE")
                    && node.TryGetProperty("table_name", out var name) && name.GetString() is { } table)
                {
                    names.Add(table);
                }

                foreach (var property in node.EnumerateObject())
                {
                    Collect(property.Value, names);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, names);
                }

                break;
        }
    }
}
