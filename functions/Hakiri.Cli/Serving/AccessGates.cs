using Hakiri.Access.Keys;
using Hakiri.Access.Tokens;
using Hakiri.Model.Manifests;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Serving;

/// <summary>Builds the token gate a server uses from the manifest's <c>[access]</c> section and the store's revocation list.</summary>
internal static class AccessGates
{
    /// <summary>The gate for <paramref name="manifest"/>, or <see langword="null"/> when it has no <c>[access]</c> section (open store).</summary>
    public static TokenGate? For(ProjectManifest manifest, StoreLayout layout, TimeProvider? clock = null) =>
        manifest.Access is { } access ? new TokenGate(KeysOf(access), new CatalogRevocations(layout), clock ?? TimeProvider.System) : null;

    /// <summary>The public keys <paramref name="access"/> trusts.</summary>
    public static KeySet KeysOf(AccessSettings access) =>
        new(PublicKey.Parse(access.PublicKey), access.RetiredKeys.Select(r => new RetiredKey(PublicKey.Parse(r.PublicKey), r.Until)).ToArray());
}

/// <summary>
/// The catalog's <c>revoked_tokens</c>, read at every check so a revocation takes effect on the next request. A store no run
/// has written yet has no catalog and so no revocations.
/// </summary>
internal sealed class CatalogRevocations(StoreLayout layout) : IRevocationList
{
    private readonly Lock _lock = new();

    public bool IsRevoked(string blockId)
    {
        if (!File.Exists(layout.CatalogPath))
        {
            return false;
        }

        // A short-lived connection per check: revocations are rare and the catalog may be replaced by a mirror pull.
        lock (_lock)
        {
            using var catalog = CatalogDatabase.Open(layout);
            return catalog.IsTokenRevoked(blockId);
        }
    }
}
