using Hakiri.Audit.Journal;

namespace Hakiri.Audit;

/// <summary>The SQL of an <see cref="AuditQuery"/> over the day partitions and the <c>journal</c> table; values are bound, never spliced.</summary>
internal static class AuditSql
{
    public static (string Sql, IReadOnlyList<object> Parameters) Build(AuditQuery query, IReadOnlyList<string> files, string? keptKey)
    {
        var parameters = new List<object>();
        var sources = new List<string> { AuditColumns.Select("journal") };
        if (files.Count > 0)
        {
            sources.Add($"SELECT {AuditColumns.Names} FROM read_parquet([{string.Join(", ", files.Select(AuditColumns.Literal))}], hive_partitioning = false)");
        }

        // The key's match is computed only for rows that pass the filters below; the prefilter is list_contains on keys.
        var matched = "false";
        if (keptKey is not null)
        {
            matched = "list_contains(keys, ?) AND len(list_filter(range(1, len(keys) + 1), lambda i: keys[i] = ? AND key_tables[i] = ?)) > 0";
            parameters.AddRange([keptKey, keptKey, query.Table!]);
        }

        var where = new List<string>();
        void Add(string condition, params object[] values)
        {
            where.Add(condition);
            parameters.AddRange(values);
        }

        if (query.Table is { } table)
        {
            Add("list_contains(tables, ?)", table);
        }

        if (keptKey is not null)
        {
            Add("(NOT keys_complete OR list_contains(keys, ?))", keptKey);
        }

        if (query.Agent is { } agent)
        {
            Add("agent = ?", agent);
        }

        if (query.TokenId is { } token)
        {
            Add("token_id = ?", token);
        }

        if (query.Since is { } since)
        {
            Add("time >= ?", since);
        }

        var sql =
            "SELECT epoch_us(time), agent, host, on_behalf_of, task_id, token_id, tool, CAST(to_json(tables) AS VARCHAR), row_count, key_count, keys_complete, matched " +
            $"FROM (SELECT time, agent, host, on_behalf_of, task_id, token_id, tool, tables, row_count, key_count, keys_complete, {matched} AS matched FROM ({string.Join(" UNION ALL BY NAME ", sources)})" +
            (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + ")" +
            (keptKey is null ? "" : " WHERE matched OR NOT keys_complete") +
            $" ORDER BY time DESC LIMIT {Math.Max(0, query.Limit)}";
        return (sql, parameters);
    }
}
