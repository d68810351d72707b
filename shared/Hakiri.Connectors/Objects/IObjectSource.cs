namespace Hakiri.Connectors.Objects;

/// <summary>
/// A bucket read as a source (S3 or an S3-compatible service): list the objects under a prefix, download one. The steps
/// plan and stage objects exactly as the file connector does files; the implementation lives with its cloud SDK
/// (<c>functions/Hakiri.Store.S3</c>), so <c>shared/</c> stays cloud-free. Failures are
/// <see cref="Contract.ConnectorException"/>s whose message is a sentence naming the bucket or object.
/// </summary>
public interface IObjectSource : IDisposable
{
    /// <summary>Every object whose key starts with <paramref name="prefix"/>, page by page in the service's order.</summary>
    IAsyncEnumerable<SourceObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams <paramref name="key"/> to the file <paramref name="path"/> (memory holds one buffer, whatever the size);
    /// returns the version downloaded, or <see langword="null"/> when there is no such object (any more).
    /// </summary>
    Task<SourceObject?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default);
}

/// <summary>An object as a listing reports it.</summary>
/// <param name="Key">The full key in the bucket.</param>
/// <param name="ETag">The entity tag, without quotes: changes whenever the content does.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="LastModified">When it was last written.</param>
public sealed record SourceObject(string Key, string ETag, long Size, DateTimeOffset LastModified)
{
    /// <summary>
    /// What the catalog records as the landed version (<c>source_files.fingerprint</c>): size and ETag, so a rewrite with
    /// new content re-lands and a copy onto itself (same ETag) does not.
    /// </summary>
    public string Fingerprint => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Size}:{ETag}");
}
