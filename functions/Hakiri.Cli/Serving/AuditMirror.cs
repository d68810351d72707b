using Hakiri.Store.Objects;

namespace Hakiri.Cli.Serving;

/// <summary>
/// The audit log of a store kept in object storage: a server writes it in its local mirror and pushes the folded files
/// when it stops; <c>hakiri audit</c> pulls them before answering. The journal (records not folded yet) stays local.
/// </summary>
internal static class AuditMirror
{
    public const string Prefix = "audit/";

    public static async Task PushAsync(StoreMirror mirror, CancellationToken cancellationToken)
    {
        var root = mirror.Local.Absolute(Prefix.TrimEnd('/'));
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories))
        {
            var key = mirror.Local.Relative(file);
            if (key.StartsWith(Prefix + "journal/", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                // Folded files have unique names and never change: one already there is this very file.
                await mirror.Remote.UploadAsync(key, file, PutCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            }
            catch (PreconditionFailedException)
            {
            }
        }
    }

    public static Task PullAsync(StoreMirror mirror, CancellationToken cancellationToken) => mirror.PullPrefixAsync(Prefix, cancellationToken);
}
