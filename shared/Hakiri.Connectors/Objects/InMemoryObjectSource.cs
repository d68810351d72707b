using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Hakiri.Connectors.Objects;

/// <summary>
/// A bucket in memory with S3's listing semantics (keys in ordinal order, single-part ETags as the content's MD5): the
/// twin an <c>s3</c> pipeline runs against in tests and the emulator, without a network or an SDK.
/// </summary>
/// <param name="time">The clock that stamps each put's LastModified; the system clock by default.</param>
public sealed class InMemoryObjectSource(TimeProvider? time = null) : IObjectSource
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, SourceObject Version)> _objects = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Creates or replaces <paramref name="key"/>.</summary>
    public SourceObject Put(string key, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
#pragma warning disable CA5351 // Not security: S3's ETag of a single-part upload is the MD5 of the bytes, and this twin gives the same.
        var version = new SourceObject(key, Convert.ToHexStringLower(MD5.HashData(content)), content.LongLength, _time.GetUtcNow());
#pragma warning restore CA5351
        _objects[key] = (content.ToArray(), version);
        return version;
    }

    /// <summary>Removes <paramref name="key"/>; removing a missing key is not an error.</summary>
    public void Delete(string key) => _objects.TryRemove(key, out _);

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceObject> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var key in _objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_objects.TryGetValue(key, out var found))
            {
                yield return found.Version;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SourceObject?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default)
    {
        if (!_objects.TryGetValue(key, out var found))
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, found.Bytes, cancellationToken).ConfigureAwait(false);
        return found.Version;
    }

    /// <summary>Nothing to release: the bucket outlives the sources the steps open and dispose.</summary>
    public void Dispose()
    {
    }
}
