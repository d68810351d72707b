using Hakiri.Audit.Journal;

namespace Hakiri.Audit;

/// <summary>
/// The SQL of an <see cref="AuditQuery"/> over the <c>journal</c> table and the day partitions; values are bound, never
/// spliced. With a key, the partitions that have a key index are read without their key lists: a record matches when
/// the <c>hits</c> table (its file and row, found in the index) names it, and the reads with incomplete keys come by
/// a filter on <c>keys_complete</c>. The other partitions (folded before there was an index) are scanned as before.
/// </summary>
internal static class AuditSql
{
    private const string Common = "time, agent, host, on_behalf_of, task_id, token_id, tool, tables, row_count, key_count, keys_complete";

    public static (string Sql, IReadOnlyList<object> Parameters) Build(
        AuditQuery query, IReadOnlyList<string> scanned, IReadOnlyList<string> indexed, string? keptKey)
    {
        var parameters = new List<object>();
        var sources = new List<string> { AuditColumns.Select("journal") };
        if (scanned.Count > 0)
        {
            sources.Add($"SELECT {AuditColumns.Names} FROM read_parquet({List(scanned)}, hive_partitioning = false)");
        }

        // The key's match is computed only for rows that pass the prefilter, list_contains on keys.
        var matched = "false";
        var prefilter = "";
        if (keptKey is not null)
        {
            matched = "list_contains(keys, ?) AND len(list_filter(range(1, len(keys) + 1), lambda i: keys[i] = ? AND key_tables[i] = ?)) > 0";
            prefilter = " WHERE (NOT keys_complete OR list_contains(keys, ?))";
            parameters.AddRange([keptKey, keptKey, query.Table!, keptKey]);
        }

        var union = $"SELECT {Common}, {matched} AS matched FROM ({string.Join(" UNION ALL BY NAME ", sources)}){prefilter}";
        if (keptKey is not null && indexed.Count > 0)
        {
            union +=
                $" UNION ALL SELECT {Common}, h.record_row IS NOT NULL AS matched FROM read_parquet({List(indexed)}, hive_partitioning = false, filename = true, file_row_number = true) p" +
                " LEFT JOIN hits h ON h.file = p.filename AND h.record_row = p.file_row_number WHERE NOT p.keys_complete OR h.record_row IS NOT NULL";
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
            where.Add("(matched OR NOT keys_complete)");
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
            $"FROM ({union})" + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) +
            $" ORDER BY time DESC LIMIT {Math.Max(0, query.Limit)}";
        return (sql, parameters);
    }

    /// <summary>The index lookup: (file, record_row) of every index row naming the key; parameters key hash, table.</summary>
    public static string Lookup(IReadOnlyList<string> indexes) =>
        $"SELECT filename, record_row FROM read_parquet({List(indexes)}, hive_partitioning = false, filename = true) WHERE key_hash = ? AND key_table = ?";

    private static string List(IReadOnlyList<string> files) => "[" + string.Join(", ", files.Select(AuditColumns.Literal)) + "]";
}
