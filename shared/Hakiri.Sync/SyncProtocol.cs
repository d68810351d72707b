namespace Hakiri.Sync;

/// <summary>Names shared by every part of the sync protocol (documented in docs/sync.md).</summary>
public static class SyncProtocol
{
    /// <summary>The protocol version written into every remote document.</summary>
    public const int Version = 1;

    /// <summary>The pointer to the current snapshot: replaced with If-Match, created with If-None-Match: *. The commit point of a push.</summary>
    public const string HeadKey = "HEAD.json";

    /// <summary>The single-writer lease.</summary>
    public const string LeaseKey = "lease.json";

    /// <summary>Where content-addressed blobs live.</summary>
    public const string BlobPrefix = "blobs/";

    /// <summary>Where immutable snapshot documents live.</summary>
    public const string SnapshotPrefix = "snapshots/";

    /// <summary>Where <c>hakiri sync diagnose</c> writes its scratch objects (and removes them).</summary>
    public const string DiagnosePrefix = "diagnose/";

    /// <summary>The key of the blob whose bytes hash to <paramref name="sha256"/> (lower-case hex).</summary>
    public static string BlobKey(string sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        return $"{BlobPrefix}{sha256[..2]}/{sha256}";
    }

    /// <summary>The key of the snapshot a push with <paramref name="sequence"/> from <paramref name="installId"/> writes.</summary>
    public static string SnapshotKey(long sequence, string installId) =>
        $"{SnapshotPrefix}{sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture)}-{installId}.json";
}
