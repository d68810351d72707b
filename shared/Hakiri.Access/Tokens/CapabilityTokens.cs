using Hakiri.Access.Keys;
using Hakiri.Access.Policy;
using Hakiri.Access.Zones;

namespace Hakiri.Access.Tokens;

/// <summary>
/// Mints, narrows, reads and verifies Hakiri capability tokens (compact text <c>hkt1.…</c>). Block 0 is signed by the project
/// key; block i is signed by the ephemeral key named in block i-1's <c>next_key</c>, over its payload followed by block i-1's
/// signature; the token carries the last ephemeral private key (the proof) so its holder, and only it, can add a block.
/// </summary>
public static class CapabilityTokens
{
    /// <summary>Longest accepted token text; longer ones are refused before any parsing.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Longest agent name (and other subject parts) accepted.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Issues a token signed with <paramref name="key"/>.</summary>
    /// <exception cref="FormatException">A filter, table or redaction in the request is malformed; the message locates it.</exception>
    public static string Issue(SigningKey key, TokenRequest request, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        CheckSubject(request.Subject);
        if (request.Ttl <= TimeSpan.Zero)
        {
            throw new FormatException("The token's ttl is not positive: give a lifetime like 1h or 30m.");
        }

        if (request.Zone is { } zone && InferenceZones.ZoneProblem(zone) is { } zoneProblem)
        {
            throw new FormatException($"The token request's --zone {zoneProblem}.");
        }

        const string where = "The token request";
        var now = Now(clock);
        var scope = new ScopeBlock(
            PolicyText.Tables(request.Tables, where),
            PolicyText.Actions(request.Actions, where),
            [.. request.Filters.Select(f => PolicyText.Filter(f, where))],
            PolicyText.Redactions(request.Redact, where),
            now,
            now + request.Ttl);
        var proof = Ed25519.NewSeed();
        var payload = new BlockPayload(key.PublicKey.KeyId, request.Subject, scope, new PublicKey(Ed25519.PublicKeyOf(proof))) { Zone = request.Zone }.Write();
        var envelope = new TokenEnvelope([new SignedBlock(payload, key.Sign(payload))], proof);
        return Checked(envelope.Encode());
    }

    /// <summary>Adds a narrowing block to <paramref name="token"/> without the issuer's key.</summary>
    /// <exception cref="TokenRejectedException">The token is not well-formed or is sealed.</exception>
    /// <exception cref="FormatException">The attenuation would widen the token or is malformed; the message says which part.</exception>
    public static string Attenuate(string token, Attenuation attenuation, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(attenuation);
        ArgumentNullException.ThrowIfNull(clock);
        if (attenuation.Zone is not null)
        {
            throw new FormatException("The attenuation sets an inference zone, which only the token's issuer may: a claimed zone could widen what the holder sees; ask the issuer for a token with --zone.");
        }

        var chain = TokenChain.Read(token);
        chain.CheckProof();
        chain.CheckTime(clock.GetUtcNow());
        if (chain.Envelope.Blocks.Count >= TokenEnvelope.MaxBlocks)
        {
            throw new TokenRejectedException($"The token already has {TokenEnvelope.MaxBlocks} blocks: attenuate the issuer's token instead.");
        }

        const string where = "The attenuation";
        var now = Now(clock);
        var parents = chain.Scopes;
        var parentExpiry = parents.Min(b => b.ExpiresAt);
        if (attenuation.Ttl is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new FormatException("The attenuation's ttl is not positive: give a lifetime like 10m, or none to keep the token's.");
        }

        var scope = new ScopeBlock(
            attenuation.Tables is null ? null : PolicyText.Tables(attenuation.Tables, where),
            attenuation.Actions is null ? null : PolicyText.Actions(attenuation.Actions, where),
            [.. attenuation.Filters.Select(f => PolicyText.Filter(f, where))],
            PolicyText.Redactions(attenuation.Redact, where),
            now,
            attenuation.Ttl is { } life ? now + life : parentExpiry);
        if (Narrowing.Widening(parents, scope, hasSubject: false) is { } widening)
        {
            throw new FormatException($"{where} {widening}: a token can only be narrowed; ask its issuer for a wider one.");
        }

        var last = chain.Envelope.Blocks[^1];
        var proof = Ed25519.NewSeed();
        var payload = new BlockPayload(null, null, scope, new PublicKey(Ed25519.PublicKeyOf(proof))).Write();
        var signature = Ed25519.Sign(chain.Envelope.Proof, [.. payload, .. last.Signature]);
        var envelope = new TokenEnvelope([.. chain.Envelope.Blocks, new SignedBlock(payload, signature)], proof);
        return Checked(envelope.Encode());
    }

    /// <summary>Reads a token's blocks without verifying signatures (for <c>hakiri token inspect</c>).</summary>
    /// <exception cref="TokenRejectedException">The text is not a token.</exception>
    public static TokenDescription Inspect(string token)
    {
        var chain = TokenChain.Read(token);
        return new TokenDescription(chain.KeyId, chain.Subject, chain.BlockIds, chain.Scopes) { Zone = chain.Zone };
    }

    /// <summary>Verifies the token offline against <paramref name="keys"/> and <paramref name="revoked"/> and returns what it grants.</summary>
    /// <exception cref="TokenRejectedException">Forged, tampered, widened, expired, not yet valid, revoked, unknown key, oversized…; one sentence.</exception>
    public static AccessScope Verify(string token, KeySet keys, IRevocationList revoked, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(revoked);
        ArgumentNullException.ThrowIfNull(clock);
        var chain = TokenChain.Read(token);
        chain.CheckSignatures(keys, clock.GetUtcNow());
        chain.CheckProof();
        chain.CheckNarrowing();
        chain.CheckTime(clock.GetUtcNow());
        foreach (var id in chain.BlockIds)
        {
            if (revoked.IsRevoked(id))
            {
                throw new TokenRejectedException($"The token was revoked (block {id}): ask its issuer for a new one.");
            }
        }

        return new AccessScope(chain.Subject, chain.BlockIds[^1], chain.BlockIds, chain.Scopes) { Zone = chain.Zone };
    }

    private static DateTimeOffset Now(TimeProvider clock) => DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());

    private static void CheckSubject(Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (string.IsNullOrWhiteSpace(subject.Agent))
        {
            throw new FormatException("The token request names no agent: pass --agent with the agent's name.");
        }

        foreach (var (part, value) in new[] { ("agent", subject.Agent), ("host", subject.Host), ("on_behalf_of", subject.OnBehalfOf), ("task_id", subject.TaskId) })
        {
            if (value is not null && (value.Length > MaxSubjectLength || value.Any(char.IsControl)))
            {
                throw new FormatException($"The token request's {part} is longer than {MaxSubjectLength} characters or holds control characters: shorten it.");
            }
        }
    }

    private static string Checked(string token) => token.Length <= MaxLength
        ? token
        : throw new FormatException($"The token would be longer than {MaxLength} characters: use fewer tables, filters or blocks.");
}

/// <summary>A token's readable content.</summary>
/// <param name="KeyId">The id of the key that signed the first block.</param>
/// <param name="Subject">The subject of the first block.</param>
/// <param name="BlockIds">Each block's id, first block first.</param>
/// <param name="Blocks">Each block's scope.</param>
public sealed record TokenDescription(string KeyId, Subject Subject, IReadOnlyList<string> BlockIds, IReadOnlyList<ScopeBlock> Blocks)
{
    /// <summary>The holder's inference zone, as the issuer's block names it, or <see langword="null"/>.</summary>
    public string? Zone { get; init; }
}
