using System.Security.Claims;
using Hakiri.Access.Policy;

namespace Hakiri.Mcp.Http;

/// <summary>
/// Carries an admitted <see cref="AccessScope"/> from an HTTP front door to the tool handlers as the request's user (the
/// SDK hands <c>HttpContext.User</c>, or a message's <c>Context.User</c>, to every handler as <c>request.User</c>).
/// </summary>
public static class AccessPrincipal
{
    /// <summary>The authentication type of principals made here.</summary>
    public const string AuthenticationType = "HakiriToken";

    /// <summary>The sentence for a request that reached the tools without an admitted token.</summary>
    public const string MissingToken = Hakiri.Access.Tokens.TokenGate.MissingToken;

    /// <summary>A principal for a caller admitted with <paramref name="scope"/>.</summary>
    public static ClaimsPrincipal For(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new ClaimsPrincipal(new ScopeIdentity(scope));
    }

    /// <summary>The scope a principal made by <see cref="For"/> carries, or <see langword="null"/>.</summary>
    public static AccessScope? ScopeOf(ClaimsPrincipal? user) => user?.Identities.OfType<ScopeIdentity>().FirstOrDefault()?.Scope;

    /// <summary>
    /// The header that may carry the token instead of <c>Authorization</c>: behind a Lambda function URL with IAM auth, the
    /// <c>Authorization</c> header carries the caller's SigV4 signature.
    /// </summary>
    public const string TokenHeader = "X-Hakiri-Token";

    /// <summary>The token of a request: <c>Authorization: Bearer …</c>, else the <see cref="TokenHeader"/> value, else <see langword="null"/>.</summary>
    public static string? TokenOf(string? authorization, string? tokenHeader) =>
        BearerToken(authorization) ?? (string.IsNullOrWhiteSpace(tokenHeader) ? null : tokenHeader.Trim());

    /// <summary>The bearer token of an <c>Authorization</c> header value, or <see langword="null"/> when it holds none.</summary>
    public static string? BearerToken(string? authorization)
    {
        const string Prefix = "Bearer ";
        return authorization is { } value && value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && value.Length > Prefix.Length
            ? value[Prefix.Length..].Trim()
            : null;
    }

    private sealed class ScopeIdentity(AccessScope scope)
        : ClaimsIdentity([new Claim(ClaimTypes.Name, scope.Subject.Agent), new Claim("token_id", scope.TokenId)], AccessPrincipal.AuthenticationType)
    {
        public AccessScope Scope { get; } = scope;
    }
}
