using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;

namespace Hakiri.Sync;

public sealed partial class SyncClient
{
    /// <summary>
    /// Pushes every table whose local state wins (docs/sync.md): takes the lease, uploads missing blobs, writes a new
    /// snapshot and moves <c>HEAD.json</c> with If-Match. Until that last put nothing of the push is visible.
    /// </summary>
    /// <exception cref="SyncRefusedException">The lease is held, the bucket lacks conditional writes, or the lease was lost; nothing became visible.</exception>
    public async Task<PushResult> PushAsync(CancellationToken cancellationToken = default)
    {
        var me = Identity();
        await using var lease = await TakeLeaseAsync(me, cancellationToken).ConfigureAwait(false);
        var head = await _documents.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        using var storeLock = await StoreLock.AcquireAsync(_layout, _options.StoreLockTimeout, cancellationToken).ConfigureAwait(false);
        using var catalog = CatalogDatabase.Open(_layout, _options.Clock);
        var plans = TablePlan.DecideAll(LocalTables.Read(catalog, _layout, _remote.Display), head);
        var now = _options.Clock.GetUtcNow();
        var reports = new List<SyncTableReport>();
        var tables = new List<RemoteTable>();
        var synced = new List<SyncedTableRecord>();
        var moving = new List<RemoteTable>();
        foreach (var plan in plans)
        {
            var (local, remote) = (plan.Local, plan.Remote);
            if (plan.Winner == Winner.Local && local is not null)
            {
                var pushed = new RemoteTable(plan.Table, plan.NextVersion, now, me, local.State, local.Blobs);
                tables.Add(pushed);
                moving.Add(pushed);
                synced.Add(new SyncedTableRecord(plan.Table, pushed.Version, local.Fingerprint, now));
                reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.Pushed, pushed.Version, Rows(local.State),
                    plan.BothChanged && remote is not null ? $"both sides changed; this store's commit is later, so it replaced the remote's {Describe(remote)}, which stays in snapshot {head.Head!.Sequence}" : null));
                continue;
            }

            if (remote is null)
            {
                continue;
            }

            tables.Add(remote);
            if (plan.Winner == Winner.Equal && local is not null)
            {
                synced.Add(new SyncedTableRecord(plan.Table, remote.Version, local.Fingerprint, now));
                reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.UpToDate, remote.Version, Rows(remote.State)));
            }
            else if (plan.Winner == Winner.RemoteOlder && local is not null)
            {
                reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.RemoteOlder, remote.Version, Rows(remote.State),
                    $"the remote holds version {remote.Version}, older than version {local.Synced?.RemoteVersion} this store synced, and this store did not change it since; left as is"));
            }
            else if (local is not null)
            {
                reports.Add(new SyncTableReport(plan.Table, SyncOutcomes.RemoteNewer, remote.Version, Rows(remote.State),
                    (plan.BothChanged ? "both sides changed and the remote's commit is later" : "the remote changed since this store last synced")
                    + $" ({Describe(remote)}); not overwritten — run 'hakiri sync pull' first"));
            }
        }

        if (moving.Count == 0)
        {
            catalog.RecordSyncedTables(_remote.Display, synced);
            return new PushResult(_remote.Display, head.Head?.Sequence, false, 0, 0, reports);
        }

        var (count, bytes) = await UploadMissingAsync(moving, lease, cancellationToken).ConfigureAwait(false);
        var sequence = (head.Head?.Sequence ?? 0) + 1;
        var snapshotKey = SyncProtocol.SnapshotKey(sequence, me.InstallId);
        var snapshot = new SnapshotDocument(SyncProtocol.Version, sequence, head.Head?.Snapshot, now, me, tables);
        await _documents.WriteAsync(snapshotKey, snapshot, SyncJsonContext.Default.SnapshotDocument, PutCondition.CreateOnly, cancellationToken).ConfigureAwait(false);

        // The commit point: renewing first proves the lease is still ours; If-Match proves nobody moved HEAD since we read it.
        if (lease is not null)
        {
            await lease.RenewAsync(cancellationToken).ConfigureAwait(false);
        }

        var pointer = new HeadDocument(SyncProtocol.Version, sequence, snapshotKey, now, me);
        try
        {
            await _documents.WriteAsync(SyncProtocol.HeadKey, pointer, SyncJsonContext.Default.HeadDocument,
                head.ETag is null ? PutCondition.CreateOnly : PutCondition.ReplaceVersion(head.ETag), cancellationToken).ConfigureAwait(false);
        }
        catch (PreconditionFailedException e)
        {
            throw new SyncRefusedException($"Another push moved {_remote.Display} while this one ran, so nothing of it became visible; run 'hakiri sync pull', then push again.", e);
        }

        catalog.RecordSyncedTables(_remote.Display, synced);
        return new PushResult(_remote.Display, sequence, true, count, bytes, reports);
    }

    /// <summary>The push lease; none in single-writer mode, which still refuses while another install holds one.</summary>
    private async Task<SyncLease?> TakeLeaseAsync(SyncIdentity me, CancellationToken cancellationToken)
    {
        if (!_options.SingleWriter)
        {
            return await SyncLease.AcquireAsync(_remote, me, "push", _options.LeaseTtl, _options.Clock, cancellationToken).ConfigureAwait(false);
        }

        var held = await SyncLease.ReadAsync(_remote, cancellationToken).ConfigureAwait(false);
        if (held is not null && held.ExpiresAt > _options.Clock.GetUtcNow() && held.Holder.InstallId != me.InstallId)
        {
            throw new LeaseHeldException(held, _remote.Display);
        }

        return null;
    }

    private async Task<(int Count, long Bytes)> UploadMissingAsync(IEnumerable<RemoteTable> tables, SyncLease? lease, CancellationToken cancellationToken)
    {
        var present = (await _remote.ListAsync(SyncProtocol.BlobPrefix, cancellationToken).ConfigureAwait(false)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var (count, bytes) = (0, 0L);
        foreach (var blob in tables.SelectMany(t => t.Blobs).DistinctBy(b => b.Sha256))
        {
            var key = SyncProtocol.BlobKey(blob.Sha256);
            if (present.Contains(key))
            {
                continue;
            }

            if (lease is not null)
            {
                await lease.RenewIfDueAsync(cancellationToken).ConfigureAwait(false);
            }

            Report($"upload {blob.Path} ({blob.Bytes} bytes)");
            try
            {
                await _remote.UploadAsync(key, _layout.Absolute(blob.Path), PutCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            }
            catch (PreconditionFailedException)
            {
                // Content-addressed: whoever created it first wrote the same bytes.
            }

            count++;
            bytes += blob.Bytes;
        }

        return (count, bytes);
    }
}
