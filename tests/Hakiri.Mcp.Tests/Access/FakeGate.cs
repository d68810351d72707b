using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>Stands in for <c>TokenGate.Admit</c>: "shop" admits <see cref="Scopes.Shop"/>; anything else is refused with a sentence.</summary>
internal static class FakeGate
{
    public const string Missing = "This store requires a token: send 'Authorization: Bearer <token>'.";

    public const string Bad = "The token is not valid: its signature does not verify; ask its issuer for a new one.";

    public static AccessScope Admit(string? token) => token switch
    {
        null or "" => throw new TokenRejectedException(Missing),
        "shop" => Scopes.Shop,
        _ => throw new TokenRejectedException(Bad),
    };
}
