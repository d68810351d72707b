using Hakiri.Access.Policy;
using Hakiri.Mcp.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Access;

/// <summary>The store as one caller may see it: only the tables its scope resolves, each with its grant.</summary>
internal sealed class ScopedTables
{
    private readonly Dictionary<string, (TableRecord Table, TableGrant Grant)> _visible = new(StringComparer.OrdinalIgnoreCase);

    public ScopedTables(StoreSnapshot snapshot, AccessScope scope)
    {
        Scope = scope;
        foreach (var table in snapshot.Tables)
        {
            if (scope.Resolve(table.Name) is { } grant)
            {
                _visible[table.Name] = (table, grant);
            }
        }

        Tables = snapshot.Tables.Where(t => _visible.ContainsKey(t.Name)).ToArray();
    }

    public AccessScope Scope { get; }

    /// <summary>The visible tables, in the store's order.</summary>
    public IReadOnlyList<TableRecord> Tables { get; }

    /// <summary>The visible table names, comma-separated, for messages (never a hidden one).</summary>
    public string NameList => Tables.Count == 0 ? "none (this token grants no table of the store)" : string.Join(", ", Tables.Select(t => t.Name));

    /// <summary>A visible table and its grant, by name as SQL resolves names.</summary>
    public (TableRecord Table, TableGrant Grant)? Find(string name) => _visible.TryGetValue(name, out var found) ? found : null;

    /// <summary>The sentence for a table the caller cannot see, the same whether it is hidden or absent.</summary>
    public string NoSuchTable(string name) => $"There is no table '{name}'. Tables: {NameList}.";
}
