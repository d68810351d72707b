using Hakiri.Access.Keys;
using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>
/// The door of a server under access control: admits a caller whose bearer token verifies and returns its scope, or refuses
/// with one sentence. A server without <c>[access]</c> has no gate (everything is readable, as before).
/// </summary>
public sealed class TokenGate(KeySet keys, IRevocationList revoked, TimeProvider clock)
{
    /// <summary>The sentence for a caller that sent no token.</summary>
    public const string MissingToken =
        "This store requires a token: send 'Authorization: Bearer <token>' (or pass --token / HAKIRI_TOKEN to 'hakiri serve' over stdio); 'hakiri token issue' makes one.";

    /// <summary>The keys tokens must be signed with.</summary>
    public KeySet Keys => keys;

    /// <summary>Verifies <paramref name="token"/> (the bearer value, without the <c>Bearer </c> prefix).</summary>
    /// <exception cref="TokenRejectedException">No token, or a token that must not be honoured.</exception>
    public AccessScope Admit(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new TokenRejectedException(MissingToken);
        }

        return CapabilityTokens.Verify(token.Trim(), keys, revoked, clock);
    }
}
