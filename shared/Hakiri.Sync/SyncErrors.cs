using System.Globalization;

namespace Hakiri.Sync;

/// <summary>A sync was refused before it changed anything; the message is the one sentence to show.</summary>
public class SyncRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncRefusedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>Another install holds the push lease.</summary>
public sealed class LeaseHeldException : SyncRefusedException
{
    /// <summary>Creates the exception for <paramref name="lease"/>.</summary>
    public LeaseHeldException(LeaseDocument lease, string remote)
        : base($"{remote} is locked by {lease?.Holder} until {lease?.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z; "
            + "nothing was pushed — wait for their push to finish (or the lease to expire) and run 'hakiri sync push' again.")
    {
        ArgumentNullException.ThrowIfNull(lease);
        Lease = lease;
    }

    /// <summary>The lease in force.</summary>
    public LeaseDocument Lease { get; }
}

/// <summary>The bucket accepted a conditional write that should have failed: it does not enforce If-None-Match or If-Match.</summary>
public sealed class ConditionalWritesMissingException(string remote, string what)
    : SyncRefusedException($"{remote} does not enforce conditional writes ({what}), so two pushes could overwrite each other; nothing was pushed — "
        + "run 'hakiri sync diagnose' and use a bucket (or S3-compatible service) that honours If-None-Match and If-Match, "
        + "or, if this install is the only one that ever pushes, push with --single-writer.");

/// <summary>The lease was lost (expired and taken over) while a push ran; nothing of the push became visible.</summary>
public sealed class LeaseLostException(string remote, SyncIdentity? taker)
    : SyncRefusedException($"The push lease on {remote} was taken over{(taker is null ? string.Empty : " by " + taker)} while this push ran, "
        + "so nothing of it became visible; run 'hakiri sync push' again (a longer --lease-ttl helps on slow links).");
