namespace Hakiri.Mcp.Query;

/// <summary>
/// The first keyword of a SQL text, past comments and parentheses. Used only to word refusals when DuckDB could not bind
/// a statement; whether a statement may run is decided by DuckDB's classification, never by this.
/// </summary>
internal static class SqlKeywords
{
    private static readonly HashSet<string> QueryStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "WITH", "FROM", "VALUES", "TABLE", "PIVOT", "UNPIVOT", "DESCRIBE", "DESC", "SHOW", "SUMMARIZE",
    };

    public static bool StartsQuery(string keyword) => QueryStarts.Contains(keyword);

    public static string? Leading(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]) || sql[i] == '(' || sql[i] == ';')
            {
                i++;
            }
            else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                var start = i;
                while (i < sql.Length && (char.IsAsciiLetter(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                return i > start ? sql[start..i] : null;
            }
        }

        return null;
    }
}
