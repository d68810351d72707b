using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Memory;

public sealed partial class MemoryStore
{
    /// <summary>
    /// Deletes the rows with <paramref name="ids"/> for good: the files holding them are rewritten without them in one
    /// commit, and the old files and their index segments are removed. Nothing changes unless every id exists and
    /// (with <paramref name="owner"/>) belongs to that agent.
    /// </summary>
    /// <param name="ids">The ids to delete.</param>
    /// <param name="owner">Only rows written by this agent may go; <see langword="null"/>: any agent's.</param>
    /// <param name="cancellationToken">Cancels the wait for the store.</param>
    /// <exception cref="MemoryException">No memory table, an unknown id, another agent's row (<see cref="MemoryException.Refused"/>), or a busy store.</exception>
    public async Task<MemoryDeletion> DeleteAsync(IReadOnlyCollection<string> ids, string? owner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            throw new MemoryException("No memory id was given; pass the id memory.write returned (mem_…).");
        }

        if (wanted.FirstOrDefault(id => !MemoryIds.LooksLikeId(id)) is { } bad)
        {
            throw new MemoryException($"'{bad}' is not a memory id; ids look like mem_0194f3a2b1c7d3e4f5a6b7c8 (see hakiri memory list).");
        }

        return await DeleteWhereAsync($"id IN ({string.Join(", ", wanted.Select(Sql.Literal))})", found =>
        {
            if (wanted.Except(found.Select(f => f.Id), StringComparer.Ordinal).ToArray() is { Length: > 0 } unknown)
            {
                throw new MemoryException($"No memory has id {string.Join(", ", unknown)}; nothing was deleted (see hakiri memory list for the ids).");
            }

            if (owner is not null && found.FirstOrDefault(f => f.Agent != owner) is { Id: not null } other)
            {
                throw new MemoryException($"Refused: memory {other.Id} was written by agent '{other.Agent}', not by '{owner}'; an agent deletes only its own memory unless its token allows delete:memory:any.", refused: true);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every row written by <paramref name="agent"/> for good (see <see cref="DeleteAsync"/>).</summary>
    /// <exception cref="MemoryException">No memory table, no row of that agent, or a busy store.</exception>
    public Task<MemoryDeletion> DeleteAgentAsync(string agent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(agent);
        return DeleteWhereAsync($"agent = {Sql.Literal(agent)}", found =>
        {
            if (found.Count == 0)
            {
                throw new MemoryException($"Agent '{agent}' has no memory in this store; nothing was deleted (see hakiri memory list for the agents).");
            }
        }, cancellationToken);
    }

    private async Task<MemoryDeletion> DeleteWhereAsync(string where, Action<List<(string Id, string Agent, string File)>> check, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(cancellationToken).ConfigureAwait(false);
        using var catalog = CatalogDatabase.Open(_layout, _options.Clock);
        if (catalog.GetTable(MemoryTable.Name) is null)
        {
            throw new MemoryException($"The store at {_layout.Root} has no memory table yet: no agent has written memory; nothing was deleted.");
        }

        var live = catalog.ListFiles(MemoryTable.Name);
        using var duck = DuckDbDatabase.Open();
        using var connection = duck.Connect();
        var found = MemoryFiles.Matching(connection, live.Select(f => _layout.Absolute(f.Path)).ToList(), where);
        check(found);
        var affected = found.Select(f => _layout.Relative(f.File)).ToHashSet(StringComparer.Ordinal);
        var runId = MemoryIds.NewRun(_options.Clock.GetUtcNow());
        catalog.BeginRun(runId, _options.Project, [MemoryTable.Name]);
        try
        {
            var files = live.Where(f => affected.Contains(f.Path)).ToList();
            var rewritten = await RewriteAsync(catalog, duck, connection, runId, files, $"NOT ({where})", merge: false, cancellationToken).ConfigureAwait(false);
            catalog.FinishRun(runId, succeeded: true, error: null);
            return new MemoryDeletion(found.Select(f => f.Id).ToArray(), rewritten);
        }
        catch (Exception e)
        {
            catalog.FinishRun(runId, succeeded: false, error: e.Message);
            throw;
        }
    }

    // Replaces files by copies holding the rows `keep` selects (one per file, or one for all with merge), in one commit;
    // then swaps their index segments and deletes the old files and sidecars.
    private async Task<int> RewriteAsync(CatalogDatabase catalog, DuckDbDatabase duck, DuckDbConnection connection, string runId, IReadOnlyList<FileRecord> files, string keep, bool merge,
        CancellationToken cancellationToken)
    {
        var groups = merge ? [files] : files.Select(f => (IReadOnlyList<FileRecord>)[f]).ToList();
        var added = new List<FileRecord>();
        var lineage = new List<LineageRecord>();
        foreach (var group in groups)
        {
            var relative = StoreLayout.DataFile(MemoryTable.Name, runId, $"{(merge ? "compact" : "rewrite")}-{added.Count + lineage.Count:D6}.parquet");
            var absolute = _layout.Absolute(relative);
            var rows = MemoryFiles.CopyKept(connection, group.Select(f => _layout.Absolute(f.Path)).ToList(), keep, absolute);
            if (rows > 0)
            {
                added.Add(new FileRecord(relative, MemoryTable.Name, runId, rows, new FileInfo(absolute).Length));
                lineage.AddRange(group.Select(f => new LineageRecord(relative, (merge ? "compaction:" : "memory.delete:") + f.Path)));
            }
        }

        var removed = files.Select(f => f.Path).ToArray();
        catalog.Commit(new TableCommit
        {
            RunId = runId,
            Table = MemoryTable.Record(runId),
            AddedFiles = added,
            RemovedFiles = removed,
            Lineage = lineage,
            RowsWritten = added.Sum(f => f.RowCount),
        });
        await IndexAsync(catalog, duck, connection, runId, added.Select(f => f.Path).ToList(), removed, cancellationToken).ConfigureAwait(false);
        MemoryFiles.DeleteQuietly(_layout, removed);
        return files.Count;
    }

    // Builds the segments of the added files and forgets those of the removed ones in one index commit, then deletes the old sidecars.
    private async Task IndexAsync(CatalogDatabase catalog, DuckDbDatabase duck, DuckDbConnection connection, string build, IReadOnlyList<string> added, string[] removed,
        CancellationToken cancellationToken)
    {
        catalog.PutTableGuide(MemoryTable.Name, _indexer.Guide());
        var gone = removed.Length == 0 ? [] : catalog.ListIndexSegments(MemoryTable.Name).Where(s => removed.Contains(s.DataPath, StringComparer.Ordinal)).ToList();
        var segments = new List<IndexSegmentRecord>();
        using (var scratch = duck.Connect())
        {
            foreach (var path in added)
            {
                segments.AddRange(await _indexer.BuildAsync(connection, scratch, path, build, cancellationToken).ConfigureAwait(false));
            }
        }

        catalog.CommitIndexSegments(segments, gone);
        MemoryFiles.DeleteQuietly(_layout, gone.Select(s => s.Path));
    }
}
