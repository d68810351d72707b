using Hakiri.Access.Keys;
using Hakiri.Access.Tokens;
using Hakiri.Model.Manifests;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Builds the token gate of a server (the CLI's <c>hakiri serve</c>, the Lambda function URL) from the manifest's
/// <c>[access]</c> section and the store's revocation list, so every host admits tokens the same way.
/// </summary>
public static class AccessGates
{
    /// <summary>The gate for <paramref name="manifest"/>, or <see langword="null"/> when it has no <c>[access]</c> section (open store).</summary>
    /// <param name="manifest">The project.</param>
    /// <param name="layout">The store (or its local mirror) whose catalog holds the revocation list.</param>
    /// <param name="clock">The clock tokens are checked against.</param>
    public static TokenGate? For(ProjectManifest manifest, StoreLayout layout, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Access is { } access ? new TokenGate(KeysOf(access), new CatalogRevocations(layout), clock ?? TimeProvider.System) : null;
    }

    /// <summary>The public keys <paramref name="access"/> trusts: the current one and the retired ones with their end.</summary>
    public static KeySet KeysOf(AccessSettings access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return new(PublicKey.Parse(access.PublicKey), access.RetiredKeys.Select(r => new RetiredKey(PublicKey.Parse(r.PublicKey), r.Until)).ToArray());
    }
}

/// <summary>
/// The catalog's <c>revoked_tokens</c>, read at every check (read-only) so a revocation takes effect on the next request.
/// A store no run has written yet has no catalog and so no revocations.
/// </summary>
/// <param name="layout">The store whose catalog holds the list.</param>
public sealed class CatalogRevocations(StoreLayout layout) : IRevocationList
{
    /// <inheritdoc />
    public bool IsRevoked(string blockId) => RevocationReader.IsRevoked(layout, blockId);
}
