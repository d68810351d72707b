using Hakiri.Access.Policy;
using Hakiri.Mcp.Query;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Access;

/// <summary>
/// The SELECT that stands in for a table under a grant: every column of the table, redacted ones as a typed NULL, and only
/// the rows every row filter admits, with the filters' values bound as parameters.
/// </summary>
internal static class GrantedView
{
    /// <summary>
    /// The LIMIT keeps DuckDB's optimizer from pushing the caller's own predicates below the token's filter, where they
    /// would run on hidden rows (an <c>error()</c> or a failing cast would then reveal them); no filter moves across a LIMIT.
    /// </summary>
    private const string Fence = " LIMIT 9223372036854775807";

    /// <summary>The view's SQL; appends the filters' values to <paramref name="parameters"/>.</summary>
    /// <exception cref="ToolErrorException">A filter names a column the table does not have.</exception>
    public static string Sql(TableRecord table, TableGrant grant, Subject subject, List<object?> parameters)
    {
        if (table.Columns.Count == 0 && grant.Redact.Count > 0)
        {
            throw new ToolErrorException($"Table '{table.Name}' cannot be read under this token: the catalog lists none of its columns, so its redactions cannot be applied; run 'hakiri run' to record its schema.");
        }

        if (grant.WithholdsRows)
        {
            return Withheld(table);
        }

        var columns = table.Columns.Count == 0
            ? "*"
            : string.Join(", ", table.Columns.Select(c => grant.Redacts(c.Name)
                ? $"CAST(NULL AS {c.Type}) AS {Mcp.Sql.Identifier(c.Name)}"
                : Mcp.Sql.Identifier(c.Name)));
        var text = $"SELECT {columns} FROM main.{Mcp.Sql.Identifier(table.Name)}";
        if (grant.Filters.Count == 0)
        {
            return text;
        }

        var conditions = new List<string>();
        foreach (var filter in grant.Filters)
        {
            if (ColumnsOf(filter.Predicate).FirstOrDefault(name => !table.Columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))) is { } missing)
            {
                throw new ToolErrorException(
                    $"Table '{table.Name}' cannot be read: the token's row filter '{filter.Text}' names column '{missing}', which the table does not have; ask the token's issuer for a filter on the table's own columns.");
            }

            conditions.Add("(" + PredicateSql.Compile(filter.Predicate, subject, table.Columns, parameters) + ")");
        }

        return $"{text} WHERE {string.Join(" AND ", conditions)}{Fence}";
    }

    // Rows withheld by the caller's zone: no row and every column NULL, so no predicate of the caller's can see a value.
    // The table stays in FROM so the answer's sources (and the withheld note) name it.
    private static string Withheld(TableRecord table)
    {
        if (table.Columns.Count == 0)
        {
            throw new ToolErrorException($"Table '{table.Name}' cannot be read in this zone: the catalog lists none of its columns; run 'hakiri run' to record its schema.");
        }

        var columns = string.Join(", ", table.Columns.Select(c => $"CAST(NULL AS {c.Type}) AS {Mcp.Sql.Identifier(c.Name)}"));
        return $"SELECT {columns} FROM main.{Mcp.Sql.Identifier(table.Name)} WHERE false{Fence}";
    }

    private static IEnumerable<string> ColumnsOf(Predicate predicate) => predicate switch
    {
        Comparison c => [c.Column],
        InList list => [list.Column],
        NullCheck check => [check.Column],
        AllOf all => ColumnsOf(all.Left).Concat(ColumnsOf(all.Right)),
        AnyOf any => ColumnsOf(any.Left).Concat(ColumnsOf(any.Right)),
        Negation not => ColumnsOf(not.Inner),
        _ => [],
    };
}
