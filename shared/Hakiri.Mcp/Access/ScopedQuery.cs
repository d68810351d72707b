using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.DuckDb;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Turns a plan into the one a scoped caller runs: DuckDB parses the SQL (<c>json_serialize_sql</c>), the tree is rewritten
/// so every table the SQL names is the caller's granted view of it (<see cref="ScopedTreeRewriter"/>), and DuckDB prints
/// it back (<c>json_deserialize_sql</c>). The result still goes through <see cref="ReadOnlySqlGuard"/>.
/// </summary>
internal static class ScopedQuery
{
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 1024 };

    public static QueryPlan Rewrite(DuckDbConnection connection, QueryPlan plan, ScopedTables tables, IReadOnlySet<string> forbiddenFunctions)
    {
        if (string.IsNullOrWhiteSpace(plan.Sql) || plan.Sql.Length > ReadOnlySqlGuard.MaxSqlLength)
        {
            // The guard words these refusals; neither needs the catalog.
            ReadOnlySqlGuard.Prepare(connection, plan.Sql, tables.NameList).Dispose();
        }

        var tree = Parse(connection, plan.Sql);
        var rewriter = new ScopedTreeRewriter(tables, forbiddenFunctions, plan.Parameters, sql => ViewNode(connection, sql));
        rewriter.Visit(tree);
        var root = new JsonObject { ["error"] = false, ["statements"] = new JsonArray(tree) };
        return new QueryPlan(Print(connection, root.ToJsonString()), rewriter.Parameters, plan.MaxRows);
    }

    private static JsonObject Parse(DuckDbConnection connection, string sql)
    {
        var json = Scalar(connection, $"SELECT json_serialize_sql({Sql.Literal(sql)})");
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Deep) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new ToolErrorException("Refused: the query is nested too deeply to be checked against this token; flatten its subqueries.", e);
        }

        if (root?["error"]?.GetValue<bool>() != false)
        {
            var message = root?["error_message"]?.GetValue<string>() ?? "it could not be read";
            // DuckDB serializes only SELECTs: a statement of another kind that parses is refused in the guard's words, without binding it.
            if (Parses(connection, sql) && SqlKeywords.Leading(sql) is { } keyword && !SqlKeywords.StartsQuery(keyword))
            {
                throw new ToolErrorException(ReadOnlySqlGuard.Refusal(keyword.ToUpperInvariant()));
            }

            throw new ToolErrorException($"The SQL does not parse: {message.Split('\n')[0].Trim().TrimEnd('.')}.");
        }

        var statements = root["statements"] as JsonArray ?? [];
        return statements.Count switch
        {
            0 => throw new ToolErrorException("The SQL holds no statement, only comments or semicolons. Send one SELECT."),
            1 => statements[0] is JsonObject statement ? Detach(statement) : throw new ToolErrorException("The SQL could not be read as one SELECT."),
            _ => throw new ToolErrorException(
                $"Refused: the SQL holds {statements.Count} statements. This server runs exactly one read-only SELECT per call: no ';'-separated batches and no transaction control (BEGIN, COMMIT, ROLLBACK)."),
        };
    }

    private static bool Parses(DuckDbConnection connection, string sql)
    {
        try
        {
            return connection.CountStatements(sql) >= 0;
        }
        catch (DuckDbException)
        {
            return false;
        }
    }

    // The view's own SQL is ours (quoted names, bound values), so its tree is spliced without rewriting.
    private static JsonObject ViewNode(DuckDbConnection connection, string sql)
    {
        var json = Scalar(connection, $"SELECT json_serialize_sql({Sql.Literal(sql)})");
        var root = JsonNode.Parse(json, documentOptions: Deep);
        return root?["statements"]?[0]?["node"] is JsonObject node && root["error"]?.GetValue<bool>() == false
            ? Detach(node)
            : throw new InvalidOperationException($"DuckDB could not parse the generated view: {json}");
    }

    private static string Print(DuckDbConnection connection, string json)
    {
        try
        {
            return Scalar(connection, $"SELECT json_deserialize_sql({Sql.Literal(json)}::JSON)");
        }
        catch (DuckDbException e)
        {
            throw new ToolErrorException($"The query could not be rewritten for this token: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static string Scalar(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        return reader.Read() && !reader.IsNull(0) ? reader.GetString(0) : throw new InvalidOperationException("DuckDB returned no value.");
    }

    private static JsonObject Detach(JsonObject node)
    {
        var parent = node.Parent;
        if (parent is JsonArray array)
        {
            array.Remove(node);
        }
        else if (parent is JsonObject owner)
        {
            owner.Remove(owner.First(p => ReferenceEquals(p.Value, node)).Key);
        }

        return node;
    }
}
