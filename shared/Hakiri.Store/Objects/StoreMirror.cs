using System.Security.Cryptography;

namespace Hakiri.Store.Objects;

/// <summary>
/// A local working copy of a store that lives in object storage. Steps run against the copy (DuckDB and SQLite need
/// files); the mirror pulls what a step reads, then pushes what it wrote — data and staging files first, the catalog
/// last with a conditional put (If-Match on the ETag it read, If-None-Match: * when it created it). A writer that
/// lost the race gets <see cref="PreconditionFailedException"/> and must re-read and redo its change.
/// </summary>
public sealed class StoreMirror(IObjectStore remote, StoreLayout local)
{
    private string? _catalogETag;
    private string? _catalogHash;

    /// <summary>The local working copy.</summary>
    public StoreLayout Local => local;

    /// <summary>The remote store.</summary>
    public IObjectStore Remote => remote;

    /// <summary>Replaces the local catalog with the remote one (or none) and remembers its version.</summary>
    public async Task PullCatalogAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(local.Root);
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(local.CatalogPath + suffix);
        }

        _catalogETag = await remote.DownloadAsync(StoreLayout.CatalogFileName, local.CatalogPath, cancellationToken).ConfigureAwait(false);
        _catalogHash = _catalogETag is null ? null : Hash(local.CatalogPath);
    }

    /// <summary>Downloads every remote object under <paramref name="prefix"/> that the copy lacks.</summary>
    public async Task PullPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        foreach (var stored in await remote.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            await PullAsync(stored.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads the named store files the copy lacks (data files are immutable, so presence is enough).</summary>
    public async Task PullFilesAsync(IEnumerable<string> relativePaths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        foreach (var path in relativePaths)
        {
            await PullAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the store readable from the copy: the catalog, then every live data file and the sidecar index segments
    /// of live files. What the copy already holds is not downloaded again (both are immutable once committed).
    /// </summary>
    public async Task PullForReadingAsync(CancellationToken cancellationToken = default)
    {
        await PullCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (!File.Exists(local.CatalogPath))
        {
            return;
        }

        string[] files;
        using (var catalog = Catalog.CatalogDatabase.Open(local))
        {
            files = catalog.ListTables().SelectMany(t => catalog.ListFiles(t.Name)).Select(f => f.Path).ToArray();
        }

        await PullFilesAsync(files, cancellationToken).ConfigureAwait(false);
        foreach (var segment in Catalog.IndexCatalogReader.LiveSegments(local))
        {
            await PullPrefixAsync(segment.Path + "/", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The copy's files (except the catalog and scratch space) with sizes and times, to diff after a step.</summary>
    public IReadOnlyDictionary<string, (long Length, DateTime Written)> Snapshot()
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        if (!Directory.Exists(local.Root))
        {
            return files;
        }

        foreach (var file in Directory.EnumerateFiles(local.Root, "*", SearchOption.AllDirectories))
        {
            var relative = local.Relative(file);
            if (relative.StartsWith(StoreLayout.CatalogFileName, StringComparison.Ordinal) || relative.StartsWith("tmp/", StringComparison.Ordinal) || relative == "lock")
            {
                continue;
            }

            var info = new FileInfo(file);
            files[relative] = (info.Length, info.LastWriteTimeUtc);
        }

        return files;
    }

    /// <summary>
    /// Pushes what changed since <paramref name="before"/>: new and changed files, then the catalog if it changed
    /// (conditionally), then deletes files the step removed.
    /// </summary>
    /// <exception cref="PreconditionFailedException">Another writer committed the catalog first.</exception>
    public async Task PushAsync(IReadOnlyDictionary<string, (long Length, DateTime Written)> before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        var after = Snapshot();
        foreach (var path in after.Where(a => !before.TryGetValue(a.Key, out var old) || old != a.Value).Select(a => a.Key))
        {
            await remote.UploadAsync(path, local.Absolute(path), PutCondition.None, cancellationToken).ConfigureAwait(false);
        }

        await PushCatalogAsync(cancellationToken).ConfigureAwait(false);
        foreach (var removed in before.Keys.Where(k => !after.ContainsKey(k)))
        {
            await remote.DeleteAsync(removed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Uploads the catalog if it differs from the version pulled, on the condition that the remote did not change.</summary>
    public async Task PushCatalogAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(local.CatalogPath) || Hash(local.CatalogPath) == _catalogHash)
        {
            return;
        }

        var condition = _catalogETag is null ? PutCondition.CreateOnly : PutCondition.ReplaceVersion(_catalogETag);
        _catalogETag = await remote.UploadAsync(StoreLayout.CatalogFileName, local.CatalogPath, condition, cancellationToken).ConfigureAwait(false);
        _catalogHash = Hash(local.CatalogPath);
    }

    private async Task PullAsync(string key, CancellationToken cancellationToken)
    {
        var path = local.Absolute(key);
        if (!File.Exists(path))
        {
            await remote.DownloadAsync(key, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
