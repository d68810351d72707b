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

    public async Task<long> CountAsync(string table, string where, IReadOnlyList<object?> parameters, StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken)
    {
        var sql = $"SELECT count(*) AS n FROM {Sql.Identifier(table)}" + (where.Length > 0 ? $" WHERE {where}" : string.Empty);
        var result = await _runner.RunAsync(new QueryPlan(sql, parameters, 1), snapshot, scoped, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(result.Json);
        return document.RootElement.GetProperty("rows")[0].GetProperty("n").GetInt64();
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
