namespace Hakiri.Store.Objects;

/// <summary>
/// Deletes data objects no catalog version references: files a writer uploaded before losing every attempt to commit
/// its catalog, or uploaded and then crashed. Only objects older than a grace period go, so a concurrent writer's
/// files — uploaded, about to be committed — are never touched.
/// </summary>
public static class OrphanCollector
{
    /// <summary>
    /// An upload is committed within one step (a Lambda function runs 15 minutes at most), so anything unreferenced
    /// after an hour is garbage.
    /// </summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(1);

    /// <summary>
    /// Deletes objects under <paramref name="prefix"/> (a table's <c>data/&lt;table&gt;/</c>) that are not in
    /// <paramref name="referenced"/> (store-relative paths of the committed catalog's files) and were last written
    /// before <paramref name="writtenBefore"/>; returns their keys.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CollectAsync(
        IObjectStore remote, string prefix, IReadOnlySet<string> referenced, DateTimeOffset writtenBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(referenced);
        var deleted = new List<string>();
        foreach (var stored in await remote.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (stored.LastModified < writtenBefore && !referenced.Contains(stored.Key))
            {
                await remote.DeleteAsync(stored.Key, cancellationToken).ConfigureAwait(false);
                deleted.Add(stored.Key);
            }
        }

        return deleted;
    }
}
