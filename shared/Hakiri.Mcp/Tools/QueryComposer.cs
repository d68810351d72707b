using System.Globalization;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;

namespace Hakiri.Mcp.Tools;

/// <summary>
/// Builds the statement for a <c>context.query</c> call. Raw SQL without a filter runs exactly as sent; a filter wraps it
/// as a subquery. Whatever comes out still goes through <see cref="ReadOnlySqlGuard"/> as a whole.
/// </summary>
internal static class QueryComposer
{
    public static QueryPlan Compose(ToolArguments args, StoreSnapshot snapshot, int limit, ScopedTables? scoped = null)
    {
        var sql = args.String("sql");
        var tableName = args.String("table");
        if ((sql is null) == (tableName is null))
        {
            throw new ToolErrorException("context.query needs either 'sql' (one SELECT) or 'table' (a table to read), not both and not neither.");
        }

        var parameters = new List<object?>();
        var where = args.Get("filter") is { } filter ? FilterCompiler.Compile(filter, parameters) : string.Empty;
        var orderBy = args.Strings("order_by");
        if (sql is not null)
        {
            if (orderBy.Count > 0)
            {
                throw new ToolErrorException("'order_by' goes with 'table'; with 'sql', write ORDER BY in the query.");
            }

            if (where.Length == 0)
            {
                return new QueryPlan(sql, parameters, limit);
            }

            // The newlines keep a trailing "-- comment" in the client's SQL from swallowing the wrapper.
            var inner = sql.TrimEnd().TrimEnd(';');
            return new QueryPlan($"SELECT * FROM (\n{inner}\n) AS _query WHERE {where} LIMIT {Limit(limit)}", parameters, limit);
        }

        var table = (scoped is null ? snapshot.Find(tableName!) : scoped.Find(tableName!)?.Table)
            ?? throw new ToolErrorException(scoped?.NoSuchTable(tableName!) ?? $"There is no table '{tableName}'. Tables: {snapshot.NameList}.");
        var text = $"SELECT * FROM {Sql.Identifier(table.Name)}";
        if (where.Length > 0)
        {
            text += $" WHERE {where}";
        }

        if (orderBy.Count > 0)
        {
            text += " ORDER BY " + string.Join(", ", orderBy.Select(OrderTerm));
        }

        return new QueryPlan($"{text} LIMIT {Limit(limit)}", parameters, limit);
    }

    private static string Limit(int limit) => (limit + 1).ToString(CultureInfo.InvariantCulture);

    private static string OrderTerm(string term)
    {
        var parts = term.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            [var column] => Sql.Identifier(column),
            [var column, var direction] when direction.Equals("asc", StringComparison.OrdinalIgnoreCase) => Sql.Identifier(column) + " ASC",
            [var column, var direction] when direction.Equals("desc", StringComparison.OrdinalIgnoreCase) => Sql.Identifier(column) + " DESC",
            _ => throw new ToolErrorException($"'order_by' entry '{term}' must be a column name, optionally followed by asc or desc."),
        };
    }
}
