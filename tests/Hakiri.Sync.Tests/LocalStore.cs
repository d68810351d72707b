using System.Text;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Testing;

namespace Hakiri.Sync.Tests;

/// <summary>A local store in a temp directory whose tables tests commit directly through the catalog, as a run would.</summary>
internal sealed class LocalStore : IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _runs;

    public LocalStore() => Layout = new StoreLayout(_dir.Combine(".hakiri"));

    public StoreLayout Layout { get; }

    /// <summary>Commits a run that replaces <paramref name="table"/>'s files with one file per given content, and sets its cursor.</summary>
    public string Commit(string table, string? cursor, params string[] contents)
    {
        var runId = $"run-{Guid.NewGuid():N}"[..16] + "-" + _runs++;
        using var catalog = CatalogDatabase.Open(Layout);
        catalog.BeginRun(runId, "p", [table]);
        var existing = catalog.GetTable(table) is null ? [] : catalog.ListFiles(table).Select(f => f.Path).ToList();
        var added = new List<FileRecord>();
        for (var i = 0; i < contents.Length; i++)
        {
            var path = StoreLayout.DataFile(table, runId, $"part-{i:D6}.parquet");
            var bytes = Encoding.UTF8.GetBytes(contents[i]);
            Directory.CreateDirectory(Path.GetDirectoryName(Layout.Absolute(path))!);
            File.WriteAllBytes(Layout.Absolute(path), bytes);
            added.Add(new FileRecord(path, table, runId, contents[i].Split('\n').Length, bytes.Length));
        }

        catalog.Commit(new TableCommit
        {
            RunId = runId,
            Table = new TableRecord(table, table, "http", "", ["id"], [new ColumnSchema("id", "BIGINT")], 0, 0, 0, runId, null),
            AddedFiles = added,
            RemovedFiles = existing,
            Lineage = added.Select(f => new LineageRecord(f.Path, "http:https://example.test/" + table)).ToList(),
            Cursor = cursor,
        });
        catalog.FinishRun(runId, true, null);
        foreach (var path in existing)
        {
            File.Delete(Layout.Absolute(path));
        }

        return runId;
    }

    public string? Cursor(string table)
    {
        using var catalog = CatalogDatabase.Open(Layout);
        return catalog.GetCursor(table);
    }

    public IReadOnlyList<string> Contents(string table)
    {
        using var catalog = CatalogDatabase.Open(Layout);
        return catalog.GetTable(table) is null ? [] : catalog.ListFiles(table).Select(f => File.ReadAllText(Layout.Absolute(f.Path))).ToList();
    }

    public SyncClient Client(Store.Objects.IObjectStore remote, string holder, TimeProvider? clock = null, bool singleWriter = false) =>
        new(remote, Layout, new SyncOptions { Holder = holder, Clock = clock ?? TimeProvider.System, SingleWriter = singleWriter });

    public void Dispose() => _dir.Dispose();
}
