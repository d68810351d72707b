namespace Hakiri.Sync;

/// <summary>What a push or pull did with one table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Outcome">One of <see cref="SyncOutcomes"/>.</param>
/// <param name="Version">The table's remote version afterwards (null when the remote does not have it).</param>
/// <param name="Rows">Rows in the state that moved or stayed.</param>
/// <param name="Note">A sentence for the user when the outcome needs one (the losing state of a conflict, what to do next).</param>
public sealed record SyncTableReport(string Table, string Outcome, long? Version, long Rows, string? Note = null);

/// <summary>The outcomes a table can have.</summary>
public static class SyncOutcomes
{
    /// <summary>Its local state is now the remote one.</summary>
    public const string Pushed = "pushed";

    /// <summary>The remote state is now the local one.</summary>
    public const string Pulled = "pulled";

    /// <summary>Both sides already held the same state.</summary>
    public const string UpToDate = "up to date";

    /// <summary>Push left the remote state alone: it is newer; pull first.</summary>
    public const string RemoteNewer = "remote newer";

    /// <summary>Pull left the local state alone: it is newer; push it.</summary>
    public const string LocalNewer = "local newer";

    /// <summary>The remote holds an older version than this store already synced: a pull does not apply it, a push of an unchanged table leaves it.</summary>
    public const string RemoteOlder = "remote older";
}

/// <summary>What <c>hakiri sync push</c> did.</summary>
/// <param name="Remote">The bucket.</param>
/// <param name="Sequence">The snapshot now current (null when the remote is still empty).</param>
/// <param name="Committed">Whether a new snapshot was committed (false when nothing needed pushing).</param>
/// <param name="BlobsUploaded">Blobs uploaded (files the bucket lacked).</param>
/// <param name="BytesUploaded">Their bytes.</param>
/// <param name="Tables">Per table.</param>
public sealed record PushResult(string Remote, long? Sequence, bool Committed, int BlobsUploaded, long BytesUploaded, IReadOnlyList<SyncTableReport> Tables);

/// <summary>What <c>hakiri sync pull</c> did.</summary>
/// <param name="Remote">The bucket.</param>
/// <param name="Sequence">The snapshot read (null when nothing was ever pushed).</param>
/// <param name="BlobsDownloaded">Files downloaded (the store lacked them).</param>
/// <param name="BytesDownloaded">Their bytes.</param>
/// <param name="FilesDeleted">Local files removed because the pulled tables no longer list them.</param>
/// <param name="Tables">Per table.</param>
public sealed record PullResult(string Remote, long? Sequence, int BlobsDownloaded, long BytesDownloaded, int FilesDeleted, IReadOnlyList<SyncTableReport> Tables);

/// <summary>One table in <c>hakiri sync status</c>.</summary>
/// <param name="Table">The table.</param>
/// <param name="Direction"><c>push</c>, <c>pull</c>, <c>up to date</c> or <c>remote older</c>.</param>
/// <param name="SyncedVersion">The remote version this store last synced (null: never).</param>
/// <param name="RemoteVersion">The remote's version (null: the remote does not have it).</param>
/// <param name="LocalChanged">Whether a run committed locally since the last sync.</param>
/// <param name="RemoteChanged">Whether the remote moved past the last synced version.</param>
/// <param name="FilesToUpload">Files a push would upload.</param>
/// <param name="BytesToUpload">Their bytes.</param>
/// <param name="FilesToDownload">Files a pull would download.</param>
/// <param name="BytesToDownload">Their bytes.</param>
public sealed record TableSyncStatus(
    string Table, string Direction, long? SyncedVersion, long? RemoteVersion, bool LocalChanged, bool RemoteChanged,
    int FilesToUpload, long BytesToUpload, int FilesToDownload, long BytesToDownload);

/// <summary>What <c>hakiri sync status</c> reports.</summary>
/// <param name="Remote">The bucket.</param>
/// <param name="Sequence">The remote's current snapshot (null: nothing pushed yet).</param>
/// <param name="Lease">The lease document, if any (it may be expired or released).</param>
/// <param name="LeaseActive">Whether the lease is held now.</param>
/// <param name="Tables">Per table.</param>
public sealed record SyncStatusReport(string Remote, long? Sequence, LeaseDocument? Lease, bool LeaseActive, IReadOnlyList<TableSyncStatus> Tables);
