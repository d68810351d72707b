using Hakiri.Store.Objects;

namespace Hakiri.Sync.Tests;

/// <summary>Counts the blob uploads that pass through to an inner store, and can fail after a number of them.</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    public int BlobUploads { get; private set; }

    /// <summary>When set, the blob upload with this number (1-based) throws, as a crash mid-push would stop it.</summary>
    public int? FailAtBlobUpload { get; set; }

    public string Display => inner.Display;

    public Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default) => inner.DownloadAsync(key, path, cancellationToken);

    public Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default)
    {
        if (key.StartsWith(SyncProtocol.BlobPrefix, StringComparison.Ordinal))
        {
            BlobUploads++;
            if (BlobUploads == FailAtBlobUpload)
            {
                throw new IOException("connection reset (simulated crash)");
            }
        }

        return inner.UploadAsync(key, path, condition, cancellationToken);
    }

    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}

/// <summary>Another bucket: the same inner store under a different display name (sync keys what it last synced by remote).</summary>
internal sealed class RenamedObjectStore(IObjectStore inner, string display) : IObjectStore
{
    public string Display => display;

    public Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default) => inner.DownloadAsync(key, path, cancellationToken);

    public Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default) =>
        inner.UploadAsync(key, path, condition, cancellationToken);

    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
