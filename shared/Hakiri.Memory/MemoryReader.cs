using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Memory;

/// <summary>Reads the memory table of a local store, as its user sees it: every agent's rows.</summary>
public static class MemoryReader
{
    private const string Columns =
        "id, text, to_json(tags)::VARCHAR, agent, host, on_behalf_of, task_id, epoch_us(created_at), _hakiri_run_id, _hakiri_source";

    /// <summary>The store's memory rows (only <paramref name="agent"/>'s when given), oldest first; none when no agent has written yet.</summary>
    public static IReadOnlyList<MemoryRow> List(StoreLayout layout, string? agent = null)
    {
        var files = LiveFiles(layout);
        if (files is not { Count: > 0 })
        {
            return [];
        }

        using var duck = DuckDbDatabase.Open();
        using var connection = duck.Connect();
        var rows = new List<MemoryRow>();
        using var reader = connection.Query(
            $"SELECT {Columns} FROM read_parquet({Sql.List(files)}){Where(agent)} ORDER BY created_at, id");
        while (reader.Read())
        {
            string? Text(int i) => reader.IsNull(i) ? null : reader.GetString(i);
            var tags = JsonSerializer.Deserialize(Text(2) ?? "[]", MemoryJsonContext.Default.ListString) ?? [];
            rows.Add(new MemoryRow(
                reader.GetString(0), reader.GetString(1), tags, new Subject(reader.GetString(3), Text(4), Text(5), Text(6)),
                DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(7) * 10), reader.GetString(8), reader.GetString(9)));
        }

        return rows;
    }

    /// <summary>Absolute paths of the memory table's live files, or <see langword="null"/> when the store has no memory table.</summary>
    internal static IReadOnlyList<string>? LiveFiles(StoreLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.CatalogPath))
        {
            return null;
        }

        using var catalog = CatalogDatabase.Open(layout);
        return catalog.GetTable(MemoryTable.Name) is null ? null : catalog.ListFiles(MemoryTable.Name).Select(f => layout.Absolute(f.Path)).ToList();
    }

    internal static string Where(string? agent) => agent is null ? string.Empty : $" WHERE agent = {Sql.Literal(agent)}";
}
