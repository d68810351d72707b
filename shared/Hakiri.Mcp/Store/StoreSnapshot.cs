using System.Text;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Store;

/// <summary>The store's tables as of one catalog check.</summary>
public sealed class StoreSnapshot
{
    internal StoreSnapshot(IReadOnlyList<TableRecord> tables, string fingerprint)
    {
        Tables = tables;
        FingerprintText = fingerprint;
    }

    /// <summary>Before any run: no tables.</summary>
    public static StoreSnapshot Empty { get; } = new([], string.Empty);

    /// <summary>Every table, by name.</summary>
    public IReadOnlyList<TableRecord> Tables { get; }

    internal string FingerprintText { get; }

    /// <summary>A table by name, case-insensitively as SQL resolves names; <see langword="null"/> when there is none.</summary>
    public TableRecord? Find(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table names, comma-separated, for messages.</summary>
    public string NameList => Tables.Count == 0 ? "none yet (run 'hakiri run' to land the pipelines)" : string.Join(", ", Tables.Select(t => t.Name));

    // Every commit stamps updated_at and recounts files, so this changes whenever a view would.
    internal static string Fingerprint(IReadOnlyList<TableRecord> tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append(table.Name).Append('|').Append(table.UpdatedRunId).Append('|').Append(table.UpdatedAt?.UtcTicks)
                .Append('|').Append(table.FileCount).Append('|').Append(table.RowCount).Append('\n');
        }

        return text.ToString();
    }
}
