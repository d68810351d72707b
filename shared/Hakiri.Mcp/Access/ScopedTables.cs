using Hakiri.Access.Policy;
using Hakiri.Access.Zones;
using Hakiri.Mcp.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Access;

/// <summary>
/// The store as one caller may see it: only the tables its scope resolves, each with its grant, into which the tables'
/// inference zone policies are folded for the caller's zone (<see cref="ZonePolicy.Apply"/>).
/// </summary>
internal sealed class ScopedTables
{
    private readonly Dictionary<string, (TableRecord Table, TableGrant Grant)> _visible = new(StringComparer.OrdinalIgnoreCase);

    public ScopedTables(StoreSnapshot snapshot, AccessScope scope, Func<string, ZonePolicy?>? zones = null, bool open = false)
    {
        Scope = scope;
        Caller = open ? null : scope;
        foreach (var table in snapshot.Tables)
        {
            if (scope.Resolve(table.Name) is { } grant)
            {
                _visible[table.Name] = (table, zones?.Invoke(table.Name) is { } policy ? Present(policy, table).Apply(grant, scope.Zone) : grant);
            }
        }

        Tables = snapshot.Tables.Where(t => _visible.ContainsKey(t.Name)).ToArray();
    }

    /// <summary>The scope applied: the caller's token, or for an open store under zone policies, one that grants every table.</summary>
    public AccessScope Scope { get; }

    /// <summary>The caller's own token scope, or <see langword="null"/> on an open store (for the audit trail).</summary>
    public AccessScope? Caller { get; }

    /// <summary>The visible tables, in the store's order.</summary>
    public IReadOnlyList<TableRecord> Tables { get; }

    /// <summary>The visible table names, comma-separated, for messages (never a hidden one).</summary>
    public string NameList => Tables.Count == 0 ? "none (this token grants no table of the store)" : string.Join(", ", Tables.Select(t => t.Name));

    /// <summary>A visible table and its grant, by name as SQL resolves names.</summary>
    public (TableRecord Table, TableGrant Grant)? Find(string name) => _visible.TryGetValue(name, out var found) ? found : null;

    /// <summary>What the caller's zone withholds of <paramref name="tables"/>.</summary>
    public IReadOnlyList<ZoneWithholding> Withheld(IEnumerable<string> tables) =>
        [.. tables.Distinct(StringComparer.OrdinalIgnoreCase).SelectMany(t => Find(t)?.Grant.Withheld ?? [])];

    // A policy may name a column the table does not have (yet): it withholds nothing there, so no note names it.
    private static ZonePolicy Present(ZonePolicy policy, TableRecord table) =>
        table.Columns.Count == 0 ? policy : policy with
        {
            Columns = policy.Columns.Where(c => table.Columns.Any(t => string.Equals(t.Name, c.Key, StringComparison.OrdinalIgnoreCase)))
                .ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase),
        };

    /// <summary>The sentence for a table the caller cannot see, the same whether it is hidden or absent.</summary>
    public string NoSuchTable(string name) => $"There is no table '{name}'. Tables: {NameList}.";
}
