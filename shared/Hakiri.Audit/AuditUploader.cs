using Hakiri.Audit.Journal;
using Hakiri.Store.Objects;

namespace Hakiri.Audit;

/// <summary>
/// Keeps the audit log of a store in object storage (<c>s3://</c>, <c>azblob://</c>) in the bucket: a server writes it in
/// its local mirror and calls <see cref="PushAsync"/> — after each request where the mirror is short-lived (a Lambda
/// container), at stop otherwise. Journal segments are uploaded as they grow (readers skip a partial last line) and
/// deleted once folded; folded Parquet files, uniquely named and never changed, are created once.
/// <see cref="PullAsync"/> brings it all down for <c>hakiri audit</c>. Not thread-safe: one pusher per mirror.
/// </summary>
/// <param name="mirror">The mirror the audit trail writes in.</param>
public sealed class AuditUploader(StoreMirror mirror)
{
    private const string Prefix = "audit/";
    private readonly Dictionary<string, long> _journal = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folded = new(StringComparer.Ordinal);

    /// <summary>Uploads what changed in the local audit log since the last push, and removes journal segments folded since.</summary>
    public async Task PushAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        var root = AuditPaths.Root(mirror.Local);
        if (!Directory.Exists(root))
        {
            return;
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var key = mirror.Local.Relative(file);
            if (key.StartsWith(Prefix + "journal/", StringComparison.Ordinal) && key.EndsWith(AuditPaths.SegmentExtension, StringComparison.Ordinal))
            {
                present.Add(key);
                var length = new FileInfo(file).Length;
                if (!_journal.TryGetValue(key, out var pushed) || pushed != length)
                {
                    await mirror.Remote.UploadAsync(key, file, PutCondition.None, cancellationToken).ConfigureAwait(false);
                    _journal[key] = length;
                }
            }
            else if (key.EndsWith(".parquet", StringComparison.Ordinal) && !_folded.Contains(key))
            {
                try
                {
                    await mirror.Remote.UploadAsync(key, file, PutCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
                }
                catch (PreconditionFailedException)
                {
                    // Already there: the same fold, uploaded before.
                }

                _folded.Add(key);
            }
        }

        // A segment gone from the mirror was folded into the Parquet just uploaded.
        foreach (var folded in _journal.Keys.Where(k => !present.Contains(k)).ToArray())
        {
            await mirror.Remote.DeleteAsync(folded, cancellationToken).ConfigureAwait(false);
            _journal.Remove(folded);
        }
    }

    /// <summary>Downloads the bucket's audit log (folded files and journal segments) into <paramref name="into"/>'s copy.</summary>
    public static Task PullAsync(StoreMirror into, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(into);
        return into.PullPrefixAsync(Prefix, cancellationToken);
    }
}
