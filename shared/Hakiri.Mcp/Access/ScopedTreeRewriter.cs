using System.Globalization;
using System.Text.Json.Nodes;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Rewrites DuckDB's JSON parse tree of a SELECT for a scoped caller, failing closed: every store table reference becomes
/// the caller's granted view of it, CTE names become unguessable, and anything it does not know (a table reference kind,
/// a qualified name, a catalog-reading function) is refused with a sentence.
/// </summary>
internal sealed class ScopedTreeRewriter(ScopedTables tables, IReadOnlySet<string> forbiddenFunctions, IReadOnlyList<object?> bound, Func<string, JsonNode> viewNode)
{
    private static readonly HashSet<string> TableFunctions = new(StringComparer.OrdinalIgnoreCase) { "range", "generate_series", "unnest" };
    private static readonly HashSet<string> PlainRefs = new(StringComparer.Ordinal) { "SUBQUERY", "JOIN", "EXPRESSION_LIST", "EMPTY_FROM", "EMPTY", "PIVOT" };

    private readonly List<Dictionary<string, string>> _ctes = [];
    private readonly string _salt = Guid.NewGuid().ToString("N");

    private readonly int _boundParameters = bound.Count;

    /// <summary>The plan's values, then those of the views' filters (numbered after the plan's own).</summary>
    public List<object?> Parameters { get; } = [.. bound];

    /// <summary>Rewrites <paramref name="node"/> in place; returns a replacement when the node itself must be replaced.</summary>
    public JsonNode? Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Visit(array[i]) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                }

                return null;
            case JsonObject item:
                return VisitObject(item);
            default:
                return null;
        }
    }

    private JsonObject? VisitObject(JsonObject node)
    {
        if (node.ContainsKey("class"))
        {
            CheckExpression(node);
        }
        else if (Text(node, "type") is { } type && node.ContainsKey("sample") && !node.ContainsKey("modifiers"))
        {
            if (TableRef(node, type) is { } replacement)
            {
                return replacement;
            }
        }

        var pushed = PushCtes(node);
        if (Text(node, "cte_name") is { } cte && Renamed(cte) is { } renamedCte)
        {
            node["cte_name"] = renamedCte;
        }

        foreach (var key in node.Select(p => p.Key).ToArray())
        {
            if (Visit(node[key]) is { } replacement)
            {
                node[key] = replacement;
            }
        }

        if (pushed)
        {
            _ctes.RemoveAt(_ctes.Count - 1);
        }

        return null;
    }

    private JsonObject? TableRef(JsonObject node, string type)
    {
        switch (type)
        {
            case "BASE_TABLE":
                return BaseTable(node);
            case "TABLE_FUNCTION":
                var function = node["function"] as JsonObject;
                var name = function is null ? null : Text(function, "function_name");
                if (name is null || !TableFunctions.Contains(name) || Qualified(function!, "schema", "catalog"))
                {
                    throw new ToolErrorException(
                        $"Refused: the table function '{name}' is not available to this token; read the store's tables by name (tables: {tables.NameList}); range, generate_series and unnest are allowed.");
                }

                return null;
            case "SHOW_REF":
                throw new ToolErrorException("Refused: DESCRIBE, SHOW and SUMMARIZE are not available to this token; call context.describe for a table's columns.");
            default:
                return PlainRefs.Contains(type) ? null
                    : throw new ToolErrorException($"Refused: this token cannot run queries with a {type} table reference; read the store's tables by name (tables: {tables.NameList}).");
        }
    }

    private JsonObject? BaseTable(JsonObject node)
    {
        var name = Text(node, "table_name") ?? string.Empty;
        if (Qualified(node, "schema_name", "catalog_name"))
        {
            throw new ToolErrorException($"Refused: name tables without a schema or catalog (FROM {name}, not FROM main.{name}); this token reads only its own tables: {tables.NameList}.");
        }

        if (node["at_clause"] is not null)
        {
            throw new ToolErrorException("Refused: AT (time travel) clauses are not available to this token.");
        }

        if (Renamed(name) is { } renamed)
        {
            node["table_name"] = renamed;
            if (string.IsNullOrEmpty(Text(node, "alias")))
            {
                node["alias"] = name;
            }

            return null;
        }

        if (tables.Find(name) is not { } found)
        {
            throw new ToolErrorException(tables.NoSuchTable(name));
        }

        var view = viewNode(GrantedView.Sql(found.Table, found.Grant, tables.Scope.Subject, Parameters));
        var alias = Text(node, "alias");
        return new JsonObject
        {
            ["type"] = "SUBQUERY",
            ["alias"] = string.IsNullOrEmpty(alias) ? found.Table.Name : alias,
            ["sample"] = node["sample"]?.DeepClone(),
            ["query_location"] = node["query_location"]?.DeepClone(),
            ["subquery"] = new JsonObject { ["node"] = view },
            ["column_name_alias"] = node["column_name_alias"]?.DeepClone() ?? new JsonArray(),
        };
    }

    private void CheckExpression(JsonObject node)
    {
        if (Text(node, "class") == "PARAMETER")
        {
            var id = Text(node, "identifier");
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1 || index > _boundParameters)
            {
                throw new ToolErrorException($"Refused: the SQL uses parameter ${id}, which no value binds; write the value into the query.");
            }

            return;
        }

        if (Text(node, "function_name") is not { } name)
        {
            return;
        }

        if (Qualified(node, "schema", "catalog"))
        {
            throw new ToolErrorException($"Refused: call functions without a schema or catalog ('{name}', not a qualified name).");
        }

        if (forbiddenFunctions.Contains(name) || name.StartsWith("duckdb_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("pragma_", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolErrorException($"Refused: the function '{name}' reads the database catalog or settings, which this token does not allow; call context.list_tables and context.describe instead.");
        }
    }

    private string? Renamed(string name)
    {
        for (var i = _ctes.Count - 1; i >= 0; i--)
        {
            if (_ctes[i].TryGetValue(name, out var renamed))
            {
                return renamed;
            }
        }

        return null;
    }

    private bool PushCtes(JsonObject node)
    {
        if (node["cte_map"]?["map"] is not JsonArray map || map.Count == 0)
        {
            return false;
        }

        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in map.OfType<JsonObject>())
        {
            var name = Text(entry, "key") ?? throw new ToolErrorException("Refused: a WITH clause this server cannot read.");
            var renamed = $"_cte_{_salt}_{renames.Count}";
            renames[name] = renamed;
            entry["key"] = renamed;
        }

        _ctes.Add(renames);
        return true;
    }

    private static bool Qualified(JsonObject node, string schema, string catalog) =>
        !string.IsNullOrEmpty(Text(node, schema)) || !string.IsNullOrEmpty(Text(node, catalog));

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
