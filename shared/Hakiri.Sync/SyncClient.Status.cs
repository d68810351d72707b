using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Sync;

public sealed partial class SyncClient
{
    /// <summary>What a push and a pull would move for each table, and who holds the lease. Changes nothing remote.</summary>
    public async Task<SyncStatusReport> StatusAsync(CancellationToken cancellationToken = default)
    {
        var head = await _documents.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var lease = await SyncLease.ReadAsync(_remote, cancellationToken).ConfigureAwait(false);
        var present = (await _remote.ListAsync(SyncProtocol.BlobPrefix, cancellationToken).ConfigureAwait(false)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<LocalTable> local;
        using (var storeLock = await StoreLock.AcquireAsync(_layout, _options.StoreLockTimeout, cancellationToken).ConfigureAwait(false))
        using (var catalog = CatalogDatabase.Open(_layout, _options.Clock))
        {
            local = LocalTables.Read(catalog, _layout, _remote.Display);
        }

        var tables = new List<TableSyncStatus>();
        foreach (var plan in TablePlan.DecideAll(local, head))
        {
            var up = plan.Winner == Winner.Local ? plan.Local!.Blobs.Where(b => !present.Contains(SyncProtocol.BlobKey(b.Sha256))).ToList() : [];
            var have = plan.Local?.Blobs.Select(b => b.Sha256).ToHashSet(StringComparer.Ordinal) ?? [];
            var down = plan.Winner == Winner.Remote ? plan.Remote!.Blobs.Where(b => !have.Contains(b.Sha256)).ToList() : [];
            var direction = plan.Winner switch
            {
                Winner.Local => "push",
                Winner.Remote => "pull",
                Winner.RemoteOlder => "remote older",
                _ => "up to date",
            };
            var synced = plan.Local?.Synced?.RemoteVersion;
            tables.Add(new TableSyncStatus(plan.Table, direction, synced, plan.Remote?.Version,
                plan.Local?.ChangedSinceSync ?? false, plan.Remote is { } r && (synced is null || r.Version > synced),
                up.Count, up.Sum(b => b.Bytes), down.Count, down.Sum(b => b.Bytes)));
        }

        var active = lease is not null && lease.ExpiresAt > _options.Clock.GetUtcNow();
        return new SyncStatusReport(_remote.Display, head.Head?.Sequence, lease, active, tables);
    }
}
