using Hakiri.DuckDb;

namespace Hakiri.Mcp.Query;

/// <summary>
/// Lets through exactly one statement that DuckDB's own parser and binder classify as a SELECT, and hands back that very
/// prepared statement to run, so nothing is re-parsed between the check and the execution. This is the second wall: the
/// database is already opened with external access disabled and its configuration locked (see
/// <see cref="Store.ContextStore"/>), so even a statement that slipped through could not touch a file or a setting.
/// </summary>
internal static class ReadOnlySqlGuard
{
    public const int MaxSqlLength = 100_000;

    /// <summary>Prepares <paramref name="sql"/> as one read-only statement, or throws a <see cref="ToolErrorException"/> saying why not.</summary>
    public static DuckDbStatement Prepare(DuckDbConnection connection, string sql, string tables)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new ToolErrorException("The query is empty: pass one SELECT statement in 'sql', or a table name in 'table'.");
        }

        if (sql.Length > MaxSqlLength)
        {
            throw new ToolErrorException($"The query is {sql.Length} characters long; the limit is {MaxSqlLength}. Send a shorter SELECT.");
        }

        int count;
        try
        {
            count = connection.CountStatements(sql);
        }
        catch (DuckDbException e)
        {
            throw new ToolErrorException($"The SQL does not parse: {FirstLine(e.Message)}", e);
        }

        switch (count)
        {
            case 0:
                throw new ToolErrorException("The SQL holds no statement, only comments or semicolons. Send one SELECT.");
            case > 1:
                throw new ToolErrorException(
                    $"Refused: the SQL holds {count} statements. This server runs exactly one read-only SELECT per call: no ';'-separated batches and no transaction control (BEGIN, COMMIT, ROLLBACK).");
        }

        DuckDbStatement statement;
        try
        {
            statement = connection.Prepare(sql);
        }
        catch (DuckDbException e)
        {
            // The statement could not even be bound, so DuckDB reports no type; the leading keyword names it in the message.
            if (SqlKeywords.Leading(sql) is { } keyword && !SqlKeywords.StartsQuery(keyword))
            {
                throw new ToolErrorException(Refusal(keyword.ToUpperInvariant()), e);
            }

            throw new ToolErrorException(QueryFailed(e, tables), e);
        }

        var type = statement.StatementType;
        if (type != DuckDbStatementType.Select)
        {
            statement.Dispose();
            // DuckDB's class decides; the keyword the client wrote names it better where they differ (ANALYZE is a VACUUM).
            var keyword = SqlKeywords.Leading(sql)?.ToUpperInvariant();
            var described = Describe(type);
            var what = keyword is null || SqlKeywords.StartsQuery(keyword) || described.StartsWith(keyword, StringComparison.Ordinal) ? described
                : type == DuckDbStatementType.Transaction ? $"{keyword} (transaction control)"
                : keyword;
            throw new ToolErrorException(Refusal(what));
        }

        return statement;
    }

    /// <summary>A failed query as a sentence: DuckDB's first line plus a hint where one helps.</summary>
    public static string QueryFailed(DuckDbException e, string tables) => e.ErrorType switch
    {
        DuckDbErrorType.Permission =>
            $"Refused: {FirstLine(e.Message)}. This server reads only the store's own tables; query them by name (tables: {tables}).",
        DuckDbErrorType.Catalog or DuckDbErrorType.Binder when e.Message.Contains("does not exist", StringComparison.Ordinal) =>
            $"The query failed: {FirstLine(e.Message)} — tables: {tables}.",
        _ => $"The query failed: {FirstLine(e.Message)}",
    };

    internal static string Refusal(string what) =>
        $"Refused: {what} statements are not allowed. This server is read-only: it runs one SELECT per call (WITH … SELECT, FROM-first queries, DESCRIBE, SHOW and SUMMARIZE count as SELECT).";

    private static string Describe(DuckDbStatementType type) => type switch
    {
        DuckDbStatementType.Transaction => "transaction control (BEGIN, COMMIT, ROLLBACK)",
        DuckDbStatementType.Load => "INSTALL and LOAD",
        DuckDbStatementType.Set => "SET and RESET",
        DuckDbStatementType.VariableSet => "SET VARIABLE",
        DuckDbStatementType.CreateFunc => "CREATE MACRO and CREATE FUNCTION",
        DuckDbStatementType.Export => "EXPORT DATABASE",
        DuckDbStatementType.CopyDatabase => "COPY FROM DATABASE",
        DuckDbStatementType.MergeInto => "MERGE INTO",
        DuckDbStatementType.UpdateExtensions => "UPDATE EXTENSIONS",
        DuckDbStatementType.Multi => "multi-part",
        _ => type.ToString().ToUpperInvariant(),
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line[..^1] : line;
    }
}
