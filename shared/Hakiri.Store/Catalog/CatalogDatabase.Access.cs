namespace Hakiri.Store.Catalog;

/// <summary>The revocation list of access tokens (<c>revoked_tokens</c>); servers read it through <see cref="RevocationReader"/>.</summary>
public sealed partial class CatalogDatabase
{
    /// <summary>Revokes the token block <paramref name="tokenId"/> (and so every token derived from it); false when it already was.</summary>
    public bool RevokeToken(string tokenId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        using var command = Command(
            "INSERT OR IGNORE INTO revoked_tokens(token_id, revoked_at, reason) VALUES ($id, $at, $reason)", null,
            ("$id", tokenId), ("$at", Now()), ("$reason", reason ?? string.Empty));
        return command.ExecuteNonQuery() == 1;
    }
}
