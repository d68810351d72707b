using System.Text;
using Hakiri.Access.Keys;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;

namespace Hakiri.Access.Tests.Tokens;

/// <summary>Keys, a clock and surgery on token bytes for the attack and happy-path tests.</summary>
internal sealed class TokenKit : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public SigningKey KeyA { get; } = SigningKey.Generate();

    public SigningKey KeyB { get; } = SigningKey.Generate();

    public ManualClock Clock { get; } = new(Start);

    public HashSet<string> Revoked { get; } = [];

    public DateTimeOffset? RetiredUntil { get; set; }

    public KeySet Keys => new(KeyA.PublicKey, []);

    public static TokenRequest Request(IReadOnlyList<string>? tables = null, IReadOnlyList<string>? filters = null, TimeSpan? ttl = null) =>
        new(new Subject("analyst", "laptop-7", "ana@example.com", "t-1"), ["read", "write:memory"], tables ?? ["customers", "orders"],
            filters ?? [], ["customers.email"], ttl ?? TimeSpan.FromHours(1));

    public string Issue(TokenRequest? request = null, SigningKey? key = null) => CapabilityTokens.Issue(key ?? KeyA, request ?? Request(), Clock);

    public string Child(string token, IReadOnlyList<string>? tables = null, IReadOnlyList<string>? filters = null, TimeSpan? ttl = null) =>
        CapabilityTokens.Attenuate(token, new Attenuation(tables, null, filters ?? [], [], ttl), Clock);

    public AccessScope Verify(string token, KeySet? keys = null) =>
        CapabilityTokens.Verify(token, keys ?? Keys, new RevocationSet(Revoked), Clock);

    public static TokenEnvelope Open(string token) => TokenEnvelope.Decode(token);

    public static TokenEnvelope? TryOpen(string token)
    {
        try
        {
            return TokenEnvelope.Decode(token);
        }
        catch (TokenRejectedException)
        {
            return null;
        }
    }

    public static string Json(string token, int block) => Encoding.UTF8.GetString(Open(token).Blocks[block].Payload);

    /// <summary>Rewrites block 0's payload and signs it with <paramref name="signer"/>, keeping the rest.</summary>
    public static string ResignRoot(string token, Func<string, string> edit, SigningKey signer)
    {
        var envelope = Open(token);
        var payload = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(envelope.Blocks[0].Payload)));
        return (envelope with { Blocks = [new SignedBlock(payload, signer.Sign(payload)), .. envelope.Blocks.Skip(1)] }).Encode();
    }

    /// <summary>Appends a child block with arbitrary payload text, correctly chained and signed with the token's proof key.</summary>
    public static string ForgeChild(string token, Func<string, string> edit, ScopeBlock scope, Subject? subject = null, string? kid = null)
    {
        var envelope = Open(token);
        var proof = Ed25519.NewSeed();
        var json = Encoding.UTF8.GetString(new BlockPayload(kid, subject, scope, new PublicKey(Ed25519.PublicKeyOf(proof))).Write());
        var payload = Encoding.UTF8.GetBytes(edit(json));
        var signature = Ed25519.Sign(envelope.Proof, [.. payload, .. envelope.Blocks[^1].Signature]);
        return new TokenEnvelope([.. envelope.Blocks, new SignedBlock(payload, signature)], proof).Encode();
    }

    public ScopeBlock ChildScope(IReadOnlyList<string>? tables = null, IReadOnlyList<string>? actions = null, TimeSpan? ttl = null) =>
        new(tables, actions, [], [], Clock.Now, Clock.Now + (ttl ?? TimeSpan.FromMinutes(10)));

    public static string FlipBit(string token, Func<TokenEnvelope, int> byteIndex)
    {
        var envelope = Open(token);
        Base64Url.TryDecode(token[TokenEnvelope.Prefix.Length..], out var bytes);
        bytes[byteIndex(envelope)] ^= 0x01;
        return TokenEnvelope.Prefix + Base64Url.Encode(bytes);
    }

    public static string Bytes(string token, Func<byte[], byte[]> edit)
    {
        Base64Url.TryDecode(token[TokenEnvelope.Prefix.Length..], out var bytes);
        return TokenEnvelope.Prefix + Base64Url.Encode(edit(bytes));
    }

    public void Dispose()
    {
        KeyA.Dispose();
        KeyB.Dispose();
    }

    private sealed class RevocationSet(HashSet<string> ids) : IRevocationList
    {
        public bool IsRevoked(string blockId) => ids.Contains(blockId);
    }
}
