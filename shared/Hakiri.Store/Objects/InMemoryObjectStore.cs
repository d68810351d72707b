using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hakiri.Store.Objects;

/// <summary>An object store in memory with S3's conditional-put semantics: the twin tests and the emulator use.</summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ETag)> _objects = new(StringComparer.Ordinal);
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
        var etag = "\"" + Convert.ToHexStringLower(MD5.HashData(bytes)) + "\"";
        lock (_gate)
        {
            var exists = _objects.TryGetValue(key, out var current);
            if ((condition.IfNoneMatch && exists) || (condition.IfMatch is { } expected && (!exists || current.ETag != expected)))
            {
                PreconditionFailures++;
                throw new PreconditionFailedException(key);
            }

            _objects[key] = (bytes, etag);
        }

        return etag;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
