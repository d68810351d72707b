using Hakiri.DuckDb;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Store;

/// <summary>
/// Loads tables into DuckDB's in-memory format in the background and repoints their views at the copies. A copy
/// belongs to one version of its table: if a run changes the table while it loads, the copy is thrown away and the
/// view keeps reading the new files until the next copy is ready. Copies live in their own schema; agents query the
/// views by table name either way.
/// </summary>
internal sealed class TableCache(DuckDbDatabase database, DuckDbConnection admin, Lock viewLock) : IDisposable
{
    private const string Schema = "hakiri_cache";
    private readonly Dictionary<string, string> _versions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _copies = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private DuckDbConnection? _loader;
    private Task _work = Task.CompletedTask;
    private long _generation;
    private bool _schemaCreated;

    public Task Idle => _work;

    /// <summary>Queues the copies of changed tables that fit the budget. Called under the view lock.</summary>
    public void Schedule(IReadOnlyList<(TableRecord Table, string Source)> changed, IReadOnlyList<TableRecord> tables, long budget)
    {
        foreach (var (table, _) in changed)
        {
            _versions[table.Name] = StoreSnapshot.Fingerprint([table]);
        }

        if (budget <= 0)
        {
            return;
        }

        var fits = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long spent = 0;
        foreach (var table in tables.Where(t => t.FileCount > 0))
        {
            if (spent + table.ByteCount <= budget)
            {
                spent += table.ByteCount;
                fits.Add(table.Name);
            }
        }

        foreach (var (table, source) in changed.Where(c => fits.Contains(c.Table.Name) && c.Table.FileCount > 0))
        {
            var version = _versions[table.Name];
            var copy = $"{table.Name}@{Interlocked.Increment(ref _generation)}";
            _work = _work.ContinueWith(_ => Load(table.Name, version, copy, source), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void Load(string table, string version, string copy, string source)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _loader ??= database.Connect();
            if (!_schemaCreated)
            {
                _loader.Execute($"CREATE SCHEMA IF NOT EXISTS {Schema}");
                _schemaCreated = true;
            }

            _loader.Execute($"CREATE TABLE {Schema}.{Sql.Identifier(copy)} AS {source}");
        }
        catch (DuckDbException)
        {
            // Out of memory, files replaced by a compaction meanwhile, shutting down: the view keeps reading the files.
            Drop(copy);
            return;
        }

        lock (viewLock)
        {
            if (_stopping.IsCancellationRequested || !_versions.TryGetValue(table, out var current) || current != version)
            {
                Drop(copy);
                return;
            }

            try
            {
                admin.Execute($"CREATE OR REPLACE VIEW {Sql.Identifier(table)} AS SELECT * FROM {Schema}.{Sql.Identifier(copy)}");
            }
            catch (DuckDbException)
            {
                Drop(copy);
                return;
            }

            if (_copies.Remove(table, out var old))
            {
                Drop(old);
            }

            _copies[table] = copy;
        }
    }

    private void Drop(string copy)
    {
        try
        {
            _loader?.Execute($"DROP TABLE IF EXISTS {Schema}.{Sql.Identifier(copy)}");
        }
        catch (DuckDbException)
        {
            // A copy that cannot be dropped only costs memory until the server stops.
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _loader?.Interrupt();
        try
        {
            _work.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Loading failures were handled where they happened; shutdown only needs the work to be over.
        }

        _loader?.Dispose();
        _stopping.Dispose();
    }
}
