using Hakiri.Store.Objects;

namespace Hakiri.Sync.Tests;

/// <summary>A bucket that ignores If-None-Match and If-Match, as some S3-compatible services do.</summary>
internal sealed class UnconditionalObjectStore(IObjectStore inner) : IObjectStore
{
    public string Display => inner.Display;

    public Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default) => inner.DownloadAsync(key, path, cancellationToken);

    public Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default) =>
        inner.UploadAsync(key, path, PutCondition.None, cancellationToken);

    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
