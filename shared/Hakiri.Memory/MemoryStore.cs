using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Memory;

/// <summary>
/// Writes and deletes the rows of a local store's <c>memory</c> table. Each write is one durable catalog commit of one
/// small Parquet file (with a run record, provenance columns and its index segments); a deletion rewrites the files
/// holding the rows in one commit and removes the old files and their sidecars, so the text is gone from the store.
/// Every change holds the <see cref="StoreLock"/>, so it never interleaves with a run. Thread-safe.
/// </summary>
public sealed partial class MemoryStore : IDisposable
{
    private readonly StoreLayout _layout;
    private readonly MemoryStoreOptions _options;
    private readonly MemoryIndexer _indexer;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the writer over a local store.</summary>
    public MemoryStore(StoreLayout layout, MemoryStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _options = options ?? new MemoryStoreOptions();
        _indexer = new MemoryIndexer(layout, _options.Embedder, _options.Model);
    }

    /// <summary>The store's layout.</summary>
    public StoreLayout Layout => _layout;

    /// <summary>Stores one memory written by <paramref name="writer"/>; returns its id once it is committed.</summary>
    /// <param name="writer">Who writes: the subject of its token.</param>
    /// <param name="text">The note or fact.</param>
    /// <param name="tags">Tags to find it by, possibly none.</param>
    /// <param name="source">The provenance source, e.g. <see cref="MemoryTable.McpSource"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the store.</param>
    /// <exception cref="MemoryException">Empty or oversized text, bad tags, or the store stayed busy.</exception>
    public async Task<string> WriteAsync(Subject writer, string text, IReadOnlyList<string>? tags, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(source);
        var cleanTags = Validate(text, tags ?? []);
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        var now = _options.Clock.GetUtcNow();
        var runId = MemoryIds.NewRun(now);
        var row = new MemoryRow(MemoryIds.NewId(now), text, cleanTags, writer, now, runId, source);
        var relative = StoreLayout.DataFile(MemoryTable.Name, runId, row.Id + ".parquet");
        using var catalog = CatalogDatabase.Open(_layout, _options.Clock);
        catalog.BeginRun(runId, _options.Project, [MemoryTable.Name]);
        var committed = false;
        try
        {
            using var duck = DuckDbDatabase.Open();
            using var connection = duck.Connect();
            var absolute = _layout.Absolute(relative);
            MemoryFiles.WriteRow(connection, absolute, row, JsonSerializer.Serialize(cleanTags.ToList(), MemoryJsonContext.Default.ListString), now);
            catalog.Commit(new TableCommit
            {
                RunId = runId,
                Table = MemoryTable.Record(runId),
                AddedFiles = [new FileRecord(relative, MemoryTable.Name, runId, 1, new FileInfo(absolute).Length)],
                Lineage = [new LineageRecord(relative, source)],
                RowsWritten = 1,
            });
            committed = true;

            // The row is committed and its id is owed to the caller: a failure from here on is recorded, not thrown
            // (an agent told "failed" would write the note again).
            string? problem = null;
            try
            {
                await IndexAsync(catalog, duck, connection, runId, [relative], [], CancellationToken.None).ConfigureAwait(false);
                if (catalog.ListFiles(MemoryTable.Name) is { } live && live.Count > _options.CompactAt)
                {
                    await RewriteAsync(catalog, duck, connection, runId, live, "true", merge: true, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problem = $"memory {row.Id} is stored, but indexing or compacting it failed: {e.Message}";
            }

            catalog.FinishRun(runId, succeeded: true, error: problem);
            return row.Id;
        }
        catch (Exception e) when (!committed)
        {
            catalog.FinishRun(runId, succeeded: false, error: e.Message);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private string[] Validate(string text, IReadOnlyList<string> tags)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new MemoryException("The memory's text is empty; give the note or fact to remember.");
        }

        if (text.Length > _options.MaxTextLength)
        {
            throw new MemoryException($"The memory's text has {text.Length} characters, more than the {_options.MaxTextLength} allowed; store a shorter note (or several).");
        }

        if (tags.Count > 32 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 64))
        {
            throw new MemoryException("Tags must be at most 32 non-empty strings of at most 64 characters each.");
        }

        return tags.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray();
    }

    private async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Held(_gate, await StoreLock.AcquireAsync(_layout, _options.LockTimeout, cancellationToken).ConfigureAwait(false));
        }
        catch (TimeoutException e)
        {
            _gate.Release();
            throw new MemoryException($"The store at {_layout.Root} is busy: another hakiri process (a run, an index rebuild or a sync) holds it; try again when it finishes.", e);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private sealed class Held(SemaphoreSlim gate, StoreLock storeLock) : IDisposable
    {
        public void Dispose()
        {
            storeLock.Dispose();
            gate.Release();
        }
    }
}
