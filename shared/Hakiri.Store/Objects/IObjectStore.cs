namespace Hakiri.Store.Objects;

/// <summary>
/// The seam to object storage (S3, Blob, or an in-memory twin): whole-object get and put, with the two conditions
/// that make a catalog commit safe between writers — create-only, and replace-only-if-unchanged.
/// </summary>
public interface IObjectStore
{
    /// <summary>A display name such as <c>s3://bucket/prefix</c>.</summary>
    string Display { get; }

    /// <summary>Downloads <paramref name="key"/> to <paramref name="path"/>; returns its ETag, or null when there is no such object.</summary>
    Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default);

    /// <summary>Uploads <paramref name="path"/> as <paramref name="key"/> under <paramref name="condition"/>; returns the new ETag.</summary>
    /// <exception cref="PreconditionFailedException">The condition did not hold: another writer got there first.</exception>
    Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default);

    /// <summary>The objects under <paramref name="prefix"/>, in ordinal order of their keys.</summary>
    Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="key"/>; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>An object as a listing reports it.</summary>
/// <param name="Key">The key, relative to the store.</param>
/// <param name="LastModified">When it was last written.</param>
public sealed record StoredObject(string Key, DateTimeOffset LastModified);

/// <summary>A condition on a put.</summary>
/// <param name="IfNoneMatch">Only create: fail when the key exists (<c>If-None-Match: *</c>).</param>
/// <param name="IfMatch">Only replace this version: fail when the key's ETag differs (<c>If-Match</c>).</param>
public sealed record PutCondition(bool IfNoneMatch, string? IfMatch)
{
    /// <summary>No condition.</summary>
    public static PutCondition None { get; } = new(false, null);

    /// <summary>Create only.</summary>
    public static PutCondition CreateOnly { get; } = new(true, null);

    /// <summary>Replace only the version with this ETag.</summary>
    public static PutCondition ReplaceVersion(string etag) => new(false, etag);
}

/// <summary>A conditional put failed: the object changed (or appeared) since it was read.</summary>
public sealed class PreconditionFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PreconditionFailedException(string key) : base($"The object '{key}' was changed by another writer.") => Key = key;

    /// <summary>The contested key.</summary>
    public string Key { get; }
}
