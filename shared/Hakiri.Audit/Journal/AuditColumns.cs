using Hakiri.DuckDb;

namespace Hakiri.Audit.Journal;

/// <summary>The audit log's columns, and the SQL that turns journal lines held in a DuckDB table into them.</summary>
internal static class AuditColumns
{
    private const string EntryType =
        "{\"time_us\":\"BIGINT\",\"agent\":\"VARCHAR\",\"host\":\"VARCHAR\",\"on_behalf_of\":\"VARCHAR\",\"task_id\":\"VARCHAR\"," +
        "\"token_id\":\"VARCHAR\",\"tool\":\"VARCHAR\",\"tables\":[\"VARCHAR\"],\"row_count\":\"BIGINT\",\"key_tables\":[\"VARCHAR\"]," +
        "\"keys\":[\"VARCHAR\"],\"keys_complete\":\"BOOLEAN\"}";

    /// <summary>The columns, in file order; <c>key_count</c> lets a listing say how many keys a read named without reading them.</summary>
    public const string Names = "time, agent, host, on_behalf_of, task_id, token_id, tool, tables, row_count, key_count, key_tables, keys, keys_complete";

    /// <summary>Creates <paramref name="table"/> (day, seq, line) and appends the lines, seq numbering them in the given order.</summary>
    public static void Load(DuckDbConnection connection, string table, IEnumerable<(string Line, JournalEntry Entry)> lines)
    {
        connection.Execute($"CREATE TEMP TABLE {table} (day DATE, seq BIGINT, line VARCHAR)");
        using var appender = connection.CreateAppender(table);
        var seq = 0L;
        foreach (var (line, entry) in lines)
        {
            appender.Append(entry.Day).Append(seq++).Append(line).EndRow();
        }
    }

    /// <summary>
    /// A SELECT of the log's columns from a table made by <see cref="Load"/>, with an optional WHERE on <c>day</c>;
    /// in the lines' order when <paramref name="ordered"/>.
    /// </summary>
    public static string Select(string table, string? where = null, bool ordered = false) =>
        "SELECT make_timestamptz(j.time_us) AS time, j.agent, j.host, j.on_behalf_of, j.task_id, j.token_id, j.tool, " +
        "coalesce(j.tables, []) AS tables, j.row_count, len(coalesce(j.keys, [])) AS key_count, coalesce(j.key_tables, []) AS key_tables, coalesce(j.keys, []) AS keys, j.keys_complete " +
        $"FROM (SELECT seq, json_transform(line, '{EntryType}') AS j FROM {table}{(where is null ? "" : " WHERE " + where)})" +
        (ordered ? " ORDER BY seq" : "");

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
