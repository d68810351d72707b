using Hakiri.Store.Objects;

namespace Hakiri.Sync;

/// <summary>
/// The single-writer lease, <c>lease.json</c> in the bucket: taken with a create-only put (or, when the last holder's
/// lease expired, a put conditioned on the ETag read), renewed and released with If-Match. Every acquisition checks
/// that the bucket enforces the condition it relied on by repeating the put, which must now fail.
/// </summary>
public sealed class SyncLease : IAsyncDisposable
{
    private readonly RemoteDocuments _documents;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private string _etag;
    private bool _released;

    private SyncLease(RemoteDocuments documents, LeaseDocument current, string etag, TimeSpan ttl, TimeProvider clock)
    {
        _documents = documents;
        Current = current;
        _etag = etag;
        _ttl = ttl;
        _clock = clock;
    }

    /// <summary>The lease as last written by this holder.</summary>
    public LeaseDocument Current { get; private set; }

    /// <summary>Whether more than a third of the time to live passed since the last renewal.</summary>
    public bool RenewalDue => _clock.GetUtcNow() >= Current.ExpiresAt - (_ttl * 2 / 3);

    /// <summary>Reads the lease in force (possibly expired or released), or <see langword="null"/>.</summary>
    public static async Task<LeaseDocument?> ReadAsync(IObjectStore store, CancellationToken cancellationToken = default) =>
        (await new RemoteDocuments(store).ReadAsync(SyncProtocol.LeaseKey, SyncJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Takes the lease for <paramref name="ttl"/>.</summary>
    /// <exception cref="LeaseHeldException">Another install holds an unexpired lease.</exception>
    /// <exception cref="ConditionalWritesMissingException">The bucket does not enforce conditional writes.</exception>
    public static async Task<SyncLease> AcquireAsync(
        IObjectStore store, SyncIdentity me, string operation, TimeSpan ttl, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(clock);
        var documents = new RemoteDocuments(store);
        var type = SyncJsonContext.Default.LeaseDocument;
        var (found, etag) = await documents.ReadAsync(SyncProtocol.LeaseKey, type, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (found is not null && found.ExpiresAt > now && found.Holder.InstallId != me.InstallId)
        {
            throw new LeaseHeldException(found, store.Display);
        }

        var lease = new LeaseDocument(SyncProtocol.Version, Guid.NewGuid().ToString("N")[..16], me, operation, now, now + ttl);
        var condition = etag is null ? PutCondition.CreateOnly : PutCondition.ReplaceVersion(etag);
        string written;
        try
        {
            written = await documents.WriteAsync(SyncProtocol.LeaseKey, lease, type, condition, cancellationToken).ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            // Another install got there between our read and our write.
            var (winner, _) = await documents.ReadAsync(SyncProtocol.LeaseKey, type, cancellationToken).ConfigureAwait(false);
            throw new LeaseHeldException(winner ?? lease, store.Display);
        }

        // The same conditional put again must fail now: if the bucket accepts it, it ignores the condition.
        try
        {
            written = await documents.WriteAsync(SyncProtocol.LeaseKey, lease, type, condition, cancellationToken).ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            var (readBack, readEtag) = await documents.ReadAsync(SyncProtocol.LeaseKey, type, cancellationToken).ConfigureAwait(false);
            if (readBack is null || readBack.Holder.InstallId != me.InstallId || readEtag != written)
            {
                throw new LeaseHeldException(readBack ?? lease, store.Display);
            }

            return new SyncLease(documents, lease, written, ttl, clock);
        }

        await store.DeleteAsync(SyncProtocol.LeaseKey, cancellationToken).ConfigureAwait(false);
        throw new ConditionalWritesMissingException(store.Display, etag is null ? "a second create with If-None-Match: * succeeded" : "a replace with a stale If-Match succeeded");
    }

    /// <summary>Extends the lease by its time to live, conditioned on it being unchanged since this holder wrote it.</summary>
    /// <exception cref="LeaseLostException">Someone else took it over.</exception>
    public async Task RenewAsync(CancellationToken cancellationToken = default)
    {
        var renewed = Current with { ExpiresAt = _clock.GetUtcNow() + _ttl };
        _etag = await WriteOrLoseAsync(renewed, cancellationToken).ConfigureAwait(false);
        Current = renewed;
    }

    /// <summary>Renews when a third of the time to live has passed (call between uploads).</summary>
    public async Task RenewIfDueAsync(CancellationToken cancellationToken = default)
    {
        if (RenewalDue)
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the lease: rewrites it as expired now, only if it is still this holder's (If-Match).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            await _documents.WriteAsync(SyncProtocol.LeaseKey, Current with { ExpiresAt = _clock.GetUtcNow() }, SyncJsonContext.Default.LeaseDocument,
                PutCondition.ReplaceVersion(_etag), CancellationToken.None).ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            // Taken over after it expired: no longer ours to release.
        }
    }

    private async Task<string> WriteOrLoseAsync(LeaseDocument lease, CancellationToken cancellationToken)
    {
        try
        {
            return await _documents.WriteAsync(SyncProtocol.LeaseKey, lease, SyncJsonContext.Default.LeaseDocument, PutCondition.ReplaceVersion(_etag), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PreconditionFailedException)
        {
            var taker = (await _documents.ReadAsync(SyncProtocol.LeaseKey, SyncJsonContext.Default.LeaseDocument, cancellationToken).ConfigureAwait(false)).Value;
            _released = true;
            throw new LeaseLostException(_documents.Store.Display, taker?.Holder);
        }
    }
}
