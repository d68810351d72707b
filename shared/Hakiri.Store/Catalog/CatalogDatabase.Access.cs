namespace Hakiri.Store.Catalog;

/// <summary>The revocation list of access tokens (<c>revoked_tokens</c>).</summary>
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

    /// <summary>Whether <paramref name="tokenId"/> was revoked.</summary>
    public bool IsTokenRevoked(string tokenId)
    {
        using var command = Command("SELECT 1 FROM revoked_tokens WHERE token_id = $id", null, ("$id", tokenId));
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Every revoked token id with when and why, oldest first.</summary>
    public IReadOnlyList<(string TokenId, DateTimeOffset RevokedAt, string Reason)> ListRevokedTokens()
    {
        using var command = Command("SELECT token_id, revoked_at, reason FROM revoked_tokens ORDER BY revoked_at, token_id", null);
        using var reader = command.ExecuteReader();
        var revoked = new List<(string, DateTimeOffset, string)>();
        while (reader.Read())
        {
            revoked.Add((reader.GetString(0), ReadTimestamp(reader, 1)!.Value, reader.GetString(2)));
        }

        return revoked;
    }
}
