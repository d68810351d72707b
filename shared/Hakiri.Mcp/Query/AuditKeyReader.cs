using System.Globalization;
using Hakiri.Access.Audit;
using Hakiri.DuckDb;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Query;

/// <summary>
/// Reads the primary key of each returned row, per table read, when the result carries all of that table's key columns
/// by name (the first column of each name). A table without a key, or whose key columns the query dropped, makes the
/// keys incomplete.
/// </summary>
internal sealed class AuditKeyReader
{
    private readonly List<(string Table, int[] Ordinals)> _tables = [];

    public AuditKeyReader(IReadOnlyList<DuckDbColumn> columns, IReadOnlyList<TableRecord> sources)
    {
        Complete = true;
        foreach (var table in sources)
        {
            var ordinals = new int[table.PrimaryKey.Count];
            for (var i = 0; i < ordinals.Length; i++)
            {
                ordinals[i] = IndexOf(columns, table.PrimaryKey[i]);
            }

            if (ordinals.Length == 0 || ordinals.Any(o => o < 0))
            {
                Complete = false;
                continue;
            }

            _tables.Add((table.Name, ordinals));
        }
    }

    public bool Complete { get; }

    public void Read(DuckDbReader reader, List<AuditKey> keys)
    {
        foreach (var (table, ordinals) in _tables)
        {
            var parts = ordinals.Select(o => reader.IsNull(o) ? string.Empty : Convert.ToString(reader.GetValueOrText(o), CultureInfo.InvariantCulture) ?? string.Empty);
            keys.Add(new AuditKey(table, string.Join('|', parts)));
        }
    }

    private static int IndexOf(IReadOnlyList<DuckDbColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
