namespace Hakiri.Sync;

/// <summary>How a <see cref="SyncClient"/> behaves.</summary>
public sealed record SyncOptions
{
    /// <summary>The default lease time to live.</summary>
    public static readonly TimeSpan DefaultLeaseTtl = TimeSpan.FromMinutes(2);

    /// <summary>How long a push lease lasts unless renewed (a push renews it while it uploads).</summary>
    public TimeSpan LeaseTtl { get; init; } = DefaultLeaseTtl;

    /// <summary>How long to wait for a running <c>hakiri run</c> to release the store's lock.</summary>
    public TimeSpan StoreLockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock (lease times, table timestamps).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The person-readable holder name; <c>user@host</c> by default.</summary>
    public string Holder { get; init; } = $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>
    /// Push without taking the lease: the user's word that this install is the only one that ever pushes to the
    /// bucket — the mode for a bucket that does not enforce conditional writes (docs/sync.md). A lease another install
    /// holds is still honoured.
    /// </summary>
    public bool SingleWriter { get; init; }

    /// <summary>Receives one line per step (uploads, downloads), for a progress display.</summary>
    public Action<string>? Progress { get; init; }
}
