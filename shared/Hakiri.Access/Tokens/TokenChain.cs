using Hakiri.Access.Keys;
using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>A decoded token whose payloads parsed; the checks run in the order <see cref="CapabilityTokens.Verify"/> needs.</summary>
internal sealed class TokenChain
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);
    private readonly IReadOnlyList<BlockPayload> _payloads;

    private TokenChain(TokenEnvelope envelope, IReadOnlyList<BlockPayload> payloads)
    {
        Envelope = envelope;
        _payloads = payloads;
        BlockIds = [.. envelope.Blocks.Select(b => b.Id)];
        Scopes = [.. payloads.Select(p => p.Scope)];
    }

    public TokenEnvelope Envelope { get; }

    public IReadOnlyList<string> BlockIds { get; }

    public IReadOnlyList<ScopeBlock> Scopes { get; }

    public string KeyId => _payloads[0].KeyId!;

    public Subject Subject => _payloads[0].Subject!;

    public string? Zone => _payloads[0].Zone;

    public static TokenChain Read(string? token)
    {
        var envelope = TokenEnvelope.Decode(token);
        var payloads = envelope.Blocks.Select((b, i) => BlockPayloadReader.Read(b.Payload, i)).ToList();
        var root = payloads[0];
        if (root.KeyId is null || root.Subject is null || root.Scope.Tables is null || root.Scope.Actions is null)
        {
            throw new TokenRejectedException("The token's block 0 lacks its key id, subject, tables or actions: the token was damaged or forged; issue a new one.");
        }

        var subject = root.Subject;
        if (string.IsNullOrWhiteSpace(subject.Agent)
            || new[] { subject.Agent, subject.Host, subject.OnBehalfOf, subject.TaskId }.Any(part => part?.Length > CapabilityTokens.MaxSubjectLength))
        {
            throw new TokenRejectedException($"The token's subject has an empty agent or a part longer than {CapabilityTokens.MaxSubjectLength} characters: issue a new token.");
        }

        if (root.Scope.Tables.Count == 0)
        {
            throw new TokenRejectedException("The token's block 0 names no tables: issue a token that names at least one table.");
        }

        if (payloads.Skip(1).Any(p => p.KeyId is not null))
        {
            throw new TokenRejectedException("A later block of the token names a key id, which only the issuer's block may: the token was forged; issue a new one.");
        }

        // A zone decides what is withheld: a holder that could name its own would widen what it sees.
        if (payloads.Skip(1).Any(p => p.Zone is not null))
        {
            throw new TokenRejectedException("A later block of the token names an inference zone, which only the issuer's block may: a holder cannot claim a zone; ask the issuer for a token with --zone.");
        }

        return new TokenChain(envelope, payloads);
    }

    public void CheckSignatures(KeySet keys, DateTimeOffset now)
    {
        var key = Key(keys, now);
        var blocks = Envelope.Blocks;
        if (!Ed25519.Verify(key.Bytes, blocks[0].Payload, blocks[0].Signature))
        {
            throw new TokenRejectedException("The token's block 0 has a bad signature: it was altered or not signed by this project's key; issue a new one.");
        }

        for (var i = 1; i < blocks.Count; i++)
        {
            byte[] message = [.. blocks[i].Payload, .. blocks[i - 1].Signature];
            if (!Ed25519.Verify(_payloads[i - 1].NextKey.Bytes, message, blocks[i].Signature))
            {
                throw new TokenRejectedException($"The token's block {i} has a bad signature: blocks were altered, reordered, dropped or spliced; use the token as it was handed to you.");
            }
        }
    }

    public void CheckProof()
    {
        if (!_payloads[^1].NextKey.Equals(new PublicKey(Ed25519.PublicKeyOf(Envelope.Proof))))
        {
            throw new TokenRejectedException("The token's proof does not match its last block: blocks were dropped or the proof taken from another token; use the token as it was handed to you.");
        }
    }

    public void CheckNarrowing()
    {
        for (var i = 1; i < _payloads.Count; i++)
        {
            if (Narrowing.Widening(Scopes.Take(i).ToList(), Scopes[i], _payloads[i].Subject is not null) is { } widening)
            {
                throw new TokenRejectedException($"The token's block {i} {widening}: a block may only narrow; ask the issuer for a wider token.");
            }
        }
    }

    public void CheckTime(DateTimeOffset now)
    {
        var expiry = Scopes.Min(s => s.ExpiresAt);
        if (now >= expiry)
        {
            throw new TokenRejectedException($"The token expired at {expiry:u}: ask its issuer for a new one.");
        }

        var notBefore = Scopes.Max(s => s.NotBefore);
        if (now < notBefore - Skew)
        {
            throw new TokenRejectedException($"The token is not valid before {notBefore:u}: check this machine's clock or wait.");
        }
    }

    private PublicKey Key(KeySet keys, DateTimeOffset now)
    {
        if (keys.Current.KeyId == KeyId)
        {
            return keys.Current;
        }

        var retired = keys.Retired.FirstOrDefault(r => r.Key.KeyId == KeyId)
            ?? throw new TokenRejectedException($"The token was signed with key {KeyId}, which this store does not know: issue a token with this project's key.");
        var expiry = Scopes.Min(s => s.ExpiresAt);
        if (retired.Until < expiry || retired.Until <= now)
        {
            throw new TokenRejectedException($"The token was signed with retired key {KeyId}, honoured only until {retired.Until:u}: issue a new token with the current key.");
        }

        return retired.Key;
    }
}
