using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Sync;

public sealed partial class SyncClient
{
    /// <summary>
    /// Applies every remote table state that wins (docs/sync.md) to the local store: downloads the files it lacks
    /// (verifying each SHA-256), commits all pulled tables in one catalog transaction under the store lock, then
    /// deletes local files the pulled tables no longer list. A remote state older than the one this store last
    /// synced is never applied, so a cursor never moves backwards.
    /// </summary>
    public async Task<PullResult> PullAsync(CancellationToken cancellationToken = default)
    {
        var head = await _documents.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        if (head.Snapshot is null)
        {
            return new PullResult(_remote.Display, null, 0, 0, 0, []);
        }

        using var storeLock = await StoreLock.AcquireAsync(_layout, _options.StoreLockTimeout, cancellationToken).ConfigureAwait(false);
        using var catalog = CatalogDatabase.Open(_layout, _options.Clock);
        var now = _options.Clock.GetUtcNow();
        var known = catalog.KnownFileHashes();
        var reports = new List<SyncTableReport>();
        var apply = new List<RemoteTable>();
        var synced = new List<SyncedTableRecord>();
        var replaced = new List<LocalTable>();
        foreach (var plan in TablePlan.DecideAll(LocalTables.Read(catalog, _layout, _remote.Display), head).Where(p => p.Remote is not null))
        {
            var (local, remote) = (plan.Local, plan.Remote!);
            switch (plan.Winner)
            {
                case Winner.Remote:
                    apply.Add(remote);
                    synced.Add(new SyncedTableRecord(plan.Table, remote.Version, CatalogDatabase.Fingerprint(remote.State), now));
                    reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.Pulled, remote.Version, Rows(remote.State), plan.BothChanged && local is not null
                        ? $"both sides changed and the remote's commit is later, so it replaced this store's state (run {local.State.Table.UpdatedRunId}, {Rows(local.State)} rows)"
                        : null));
                    if (local is not null)
                    {
                        replaced.Add(local);
                    }

                    break;
                case Winner.Equal:
                    synced.Add(new SyncedTableRecord(plan.Table, remote.Version, local!.Fingerprint, now));
                    reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.UpToDate, remote.Version, Rows(remote.State)));
                    break;
                case Winner.Local:
                    reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.LocalNewer, remote.Version, Rows(local!.State),
                        $"this store's state is newer than the remote's {Describe(remote)}; kept — run 'hakiri sync push' to share it"));
                    break;
                default:
                    reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.RemoteOlder, local!.Synced?.RemoteVersion, Rows(local.State),
                        $"the remote holds version {remote.Version}, older than version {local.Synced?.RemoteVersion} this store already has; not applied"));
                    break;
            }
        }

        var (count, bytes, fetched) = await DownloadMissingAsync(apply, known, cancellationToken).ConfigureAwait(false);
        catalog.RememberFileHashes(fetched);
        catalog.ApplyPulledTables(_remote.Display, apply.Select(t => t.State).ToList(), synced);
        var deleted = DeleteReplaced(replaced, apply);
        return new PullResult(_remote.Display, head.Head!.Sequence, count, bytes, deleted, reports);
    }

    private async Task<(int Count, long Bytes, List<(string, string, long)> Fetched)> DownloadMissingAsync(
        IReadOnlyList<RemoteTable> tables, IReadOnlyDictionary<string, (string Sha256, long Bytes)> known, CancellationToken cancellationToken)
    {
        var fetched = new List<(string, string, long)>();
        var (count, bytes) = (0, 0L);
        var byContent = known.Where(k => File.Exists(_layout.Absolute(k.Key))).GroupBy(k => k.Value.Sha256).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        foreach (var blob in tables.SelectMany(t => t.Blobs))
        {
            var target = _layout.Absolute(blob.Path);
            if (File.Exists(target) && (known.TryGetValue(blob.Path, out var hash) ? hash.Sha256 : LocalTables.Hash(target).Sha256) == blob.Sha256)
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".sync-partial";
            if (byContent.TryGetValue(blob.Sha256, out var same))
            {
                // The store already holds these bytes under another path (a rewrite kept a file's rows): copy, do not download.
                File.Copy(_layout.Absolute(same), partial, overwrite: true);
                File.Move(partial, target, overwrite: true);
                fetched.Add((blob.Path, blob.Sha256, blob.Bytes));
                continue;
            }

            Report($"download {blob.Path} ({blob.Bytes} bytes)");
            if (await _remote.DownloadAsync(SyncProtocol.BlobKey(blob.Sha256), partial, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new InvalidDataException($"{_remote.Display} lists {blob.Path} as blob {blob.Sha256}, which is missing; the remote was damaged outside hakiri — push it again from a store that has the file.");
            }

            var got = LocalTables.Hash(partial);
            if (got.Sha256 != blob.Sha256 || got.Bytes != blob.Bytes)
            {
                File.Delete(partial);
                throw new InvalidDataException($"The blob for {blob.Path} in {_remote.Display} hashes to {got.Sha256}, not {blob.Sha256}; nothing was applied — the bucket's copy is damaged.");
            }

            File.Move(partial, target, overwrite: true);
            fetched.Add((blob.Path, blob.Sha256, blob.Bytes));
            count++;
            bytes += blob.Bytes;
        }

        return (count, bytes, fetched);
    }

    // After the commit: the replaced tables' files and segments the pulled states no longer list.
    private int DeleteReplaced(IReadOnlyList<LocalTable> replaced, IReadOnlyList<RemoteTable> applied)
    {
        var keep = applied.SelectMany(t => t.Blobs.Select(b => b.Path)).ToHashSet(StringComparer.Ordinal);
        var keptSegments = applied.SelectMany(t => t.State.Indexes.Select(s => s.Path)).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var path in replaced.SelectMany(t => t.State.Files.Select(f => f.Path)).Where(p => !keep.Contains(p)))
        {
            var absolute = _layout.Absolute(path);
            if (File.Exists(absolute))
            {
                File.Delete(absolute);
                deleted++;
            }
        }

        foreach (var segment in replaced.SelectMany(t => t.State.Indexes.Select(s => s.Path)).Where(p => !keptSegments.Contains(p)))
        {
            var absolute = _layout.Absolute(segment);
            if (Directory.Exists(absolute))
            {
                Directory.Delete(absolute, recursive: true);
                deleted++;
            }
        }

        return deleted;
    }
}
