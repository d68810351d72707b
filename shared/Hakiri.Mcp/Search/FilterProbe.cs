using System.Text.Json;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;

namespace Hakiri.Mcp.Search;

/// <summary>
/// Asks the table's view (the caller's scoped view when there is a scope) how many rows a filter admits and which:
/// the statistics the planner chooses by. Runs through the same guard and rewriting as any query.
/// </summary>
internal sealed class FilterProbe(ContextStore store, QueryLimits limits)
{
    /// <summary>Filters admitting at most this many rows are applied first, then the indexes score only those.</summary>
    public const int SelectiveRows = 4096;

    private readonly QueryRunner _runner = new(store, limits with { MaxRows = SelectiveRows + 1, MaxBytes = 64 * 1024 * 1024 });

    /// <summary>Rows read to estimate a broad filter's selectivity: the first ones the scan yields.</summary>
    public const int SampleRows = 20_000;

    /// <summary>
    /// How many rows the filter admits: exactly when that is at most <see cref="SelectiveRows"/> (or the table is small),
    /// else an estimate from the first <see cref="SampleRows"/> rows — a scan that stops early instead of counting the
    /// whole table. Returns the count and whether it is exact.
    /// </summary>
    public async Task<(long Rows, bool Exact)> CountAsync(string table, string where, IReadOnlyList<object?> parameters, long tableRows,
        StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken)
    {
        var name = Sql.Identifier(table);
        var filter = where.Length > 0 ? where : "true";
        if (tableRows > SampleRows)
        {
            var sample = await ScalarsAsync($"SELECT count(*) FILTER (WHERE {filter}) AS n, count(*) AS m FROM (SELECT * FROM {name} LIMIT {SampleRows}) AS _sample",
                parameters, snapshot, scoped, cancellationToken).ConfigureAwait(false);
            var estimate = sample.M == 0 ? 0 : (long)Math.Round(sample.N / (double)sample.M * tableRows);
            if (estimate > 4L * SelectiveRows)
            {
                return (estimate, false);
            }
        }

        // Selective (or small): count exactly, stopping once the filter is known to be broad.
        var bounded = await ScalarsAsync($"SELECT count(*) AS n, 0 AS m FROM (SELECT 1 FROM {name} WHERE {filter} LIMIT {SelectiveRows + 1}) AS _admitted",
            parameters, snapshot, scoped, cancellationToken).ConfigureAwait(false);
        return (bounded.N, bounded.N <= SelectiveRows);
    }

    private async Task<(long N, long M)> ScalarsAsync(string sql, IReadOnlyList<object?> parameters, StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(new QueryPlan(sql, parameters, 1), snapshot, scoped, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(result.Json);
        var row = document.RootElement.GetProperty("rows")[0];
        return (row.GetProperty("n").GetInt64(), row.GetProperty("m").GetInt64());
    }

    /// <summary>The keys of the rows the filter admits (at most <paramref name="max"/> + 1, so the caller sees when there are more).</summary>
    public async Task<HashSet<RowKey>> KeysAsync(string table, string where, IReadOnlyList<object?> parameters, int max, StoreSnapshot snapshot, ScopedTables? scoped,
        CancellationToken cancellationToken)
    {
        var sql = $"SELECT _hakiri_run_id, _hakiri_source, _hakiri_record FROM {Sql.Identifier(table)}"
            + (where.Length > 0 ? $" WHERE {where}" : string.Empty) + $" LIMIT {max + 1}";
        var result = await _runner.RunAsync(new QueryPlan(sql, parameters, max + 1), snapshot, scoped, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(result.Json);
        var keys = new HashSet<RowKey>();
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
        {
            var provenance = row.GetProperty("_provenance");
            keys.Add(new RowKey(provenance.GetProperty("run").GetString()!, provenance.GetProperty("source").GetString()!, provenance.GetProperty("record").GetInt64()));
        }

        return keys;
    }
}
