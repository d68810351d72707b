using Hakiri.Access.Keys;
using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>Mints, narrows, reads and verifies Hakiri capability tokens (compact text <c>hkt1.…</c>).</summary>
public static class CapabilityTokens
{
    /// <summary>Longest accepted token text; longer ones are refused before any parsing.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Issues a token signed with <paramref name="key"/>.</summary>
    /// <exception cref="FormatException">A filter, table or redaction in the request is malformed; the message locates it.</exception>
    public static string Issue(SigningKey key, TokenRequest request, TimeProvider clock) => throw new NotImplementedException();

    /// <summary>Adds a narrowing block to <paramref name="token"/> without the issuer's key.</summary>
    /// <exception cref="TokenRejectedException">The token is not well-formed or is sealed.</exception>
    /// <exception cref="FormatException">The attenuation would widen the token or is malformed; the message says which part.</exception>
    public static string Attenuate(string token, Attenuation attenuation, TimeProvider clock) => throw new NotImplementedException();

    /// <summary>Reads a token's blocks without verifying signatures (for <c>hakiri token inspect</c>).</summary>
    /// <exception cref="TokenRejectedException">The text is not a token.</exception>
    public static TokenDescription Inspect(string token) => throw new NotImplementedException();

    /// <summary>Verifies the token offline against <paramref name="keys"/> and <paramref name="revoked"/> and returns what it grants.</summary>
    /// <exception cref="TokenRejectedException">Forged, tampered, widened, expired, not yet valid, revoked, unknown key, oversized…; one sentence.</exception>
    public static AccessScope Verify(string token, KeySet keys, IRevocationList revoked, TimeProvider clock) => throw new NotImplementedException();
}

/// <summary>A token's readable content.</summary>
/// <param name="KeyId">The id of the key that signed the first block.</param>
/// <param name="Subject">The subject of the first block.</param>
/// <param name="BlockIds">Each block's id, first block first.</param>
/// <param name="Blocks">Each block's scope.</param>
public sealed record TokenDescription(string KeyId, Subject Subject, IReadOnlyList<string> BlockIds, IReadOnlyList<ScopeBlock> Blocks);
