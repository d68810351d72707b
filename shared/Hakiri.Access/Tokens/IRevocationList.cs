namespace Hakiri.Access.Tokens;

/// <summary>The ids of revoked token blocks (the catalog keeps them). A token is refused if any block of its chain is listed.</summary>
public interface IRevocationList
{
    /// <summary>Whether the block <paramref name="blockId"/> was revoked.</summary>
    bool IsRevoked(string blockId);
}
