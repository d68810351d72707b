using Hakiri.Access.Policy;
using Hakiri.Access.Zones;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Tools;

/// <summary>
/// The toolset's inference zone side: the tables' zone policies (from their guides in the catalog) folded into what
/// each caller sees, an open store's callers included, and searches that cannot rank without reading withheld data.
/// </summary>
public sealed partial class ContextToolset
{
    /// <summary>
    /// The inference zone of callers without a token (the zone option of <c>hakiri serve</c>, e.g. <c>local:device</c>), or <see langword="null"/>
    /// for unknown. A caller with a token is always in its token's zone (unknown when the token names none).
    /// </summary>
    public string? Zone { get; init; }

    // What the table's guide says about zones; most guides have none, and are not parsed.
    private ZonePolicy? ZonePolicyOf(string table) =>
        _indexes.Guides.TryGetValue(table, out var guide) && guide.Contains("\"zones\"", StringComparison.Ordinal) ? ZoneGuides.Policy(guide) : null;

    // An open store is read through the scoped path only when some table has a zone policy, with a scope that grants
    // every table: the zone policy is then enforced by the same views as a token's redactions.
    private ScopedTables? OpenView(StoreSnapshot snapshot)
    {
        if (!snapshot.Tables.Any(t => ZonePolicyOf(t.Name) is not null))
        {
            return null;
        }

        var everything = new ScopeBlock(["*"], null, [], [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var scope = new AccessScope(new Subject("open-store"), string.Empty, [], [everything]) { Zone = Zone };
        return new ScopedTables(snapshot, scope, ZonePolicyOf, open: true);
    }

    // A table whose rows are withheld answers a search with no rows; one whose index ranks by a withheld column cannot be
    // searched at all, since the ranking alone would tell what the column holds.
    private async Task<byte[]?> WithheldSearchAsync(TableRecord table, TableGrant grant, StoreSnapshot snapshot, ScopedTables scoped, CancellationToken cancellationToken)
    {
        if (grant.WithholdsRows)
        {
            var plan = new QueryPlan($"SELECT * FROM {Sql.Identifier(table.Name)} LIMIT 0", [], 1);
            var result = await _runner.RunAsync(plan, snapshot, scoped, cancellationToken).ConfigureAwait(false);
            Audit(scoped.Caller, ToolNames.Query, result);
            return WithheldOutput.Attach(result.Json, scoped.Withheld([table.Name]));
        }

        var indexed = ZoneGuides.IndexedColumns(Guide(table.Name));
        if (grant.Withheld.FirstOrDefault(w => w.Column is { } c && indexed.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } hidden)
        {
            throw new ToolErrorException(
                $"'search' and 'similar_to' cannot be used on '{table.Name}' in this zone: its index ranks rows by column '{hidden.Column}', which is withheld. {hidden.Sentence()} Use 'filter' or 'sql' on its other columns instead.");
        }

        return null;
    }
}
