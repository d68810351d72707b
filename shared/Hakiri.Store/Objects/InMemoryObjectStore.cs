using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hakiri.Store.Objects;

/// <summary>An object store in memory with S3's conditional-put semantics: the twin tests and the emulator use.</summary>
/// <param name="time">The clock that stamps each put's LastModified; the system clock by default.</param>
public sealed class InMemoryObjectStore(TimeProvider? time = null) : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag, DateTimeOffset Written)> _objects = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public string Display => "memory://";

    /// <summary>How many conditional puts were refused (for tests of contention).</summary>
    public int PreconditionFailures { get; private set; }

    /// <inheritdoc />
    public async Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default)
    {
        if (!_objects.TryGetValue(key, out var found))
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, found.Bytes, cancellationToken).ConfigureAwait(false);
        return found.ETag;
    }

    /// <inheritdoc />
    public async Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA5351 // Not security: S3's ETag of a single-part upload is the quoted MD5 of the bytes, and this twin gives the same.
        var etag = "\"" + Convert.ToHexStringLower(MD5.HashData(bytes)) + "\"";
#pragma warning restore CA5351
        lock (_gate)
        {
            var exists = _objects.TryGetValue(key, out var current);
            if ((condition.IfNoneMatch && exists) || (condition.IfMatch is { } expected && (!exists || current.ETag != expected)))
            {
                PreconditionFailures++;
                throw new PreconditionFailedException(key);
            }

            _objects[key] = (bytes, etag, _time.GetUtcNow());
        }

        return etag;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredObject>>(_objects
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(o => new StoredObject(o.Key, o.Value.Written))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToArray());

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
