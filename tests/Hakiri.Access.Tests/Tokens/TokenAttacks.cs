using Hakiri.Access.Keys;
using Hakiri.Access.Tokens;

namespace Hakiri.Access.Tests.Tokens;

/// <summary>Each attack: how to make the hostile token from a kit, and the fragment of the sentence that refuses it.</summary>
internal static class TokenAttacks
{
    public static readonly IReadOnlyDictionary<string, (Func<TokenKit, string> Make, string Refusal)> All =
        new Dictionary<string, (Func<TokenKit, string>, string)>
        {
            ["empty"] = (_ => "", "is empty"),
            ["whitespace"] = (_ => "   ", "does not start with 'hkt1.'"),
            ["garbage"] = (_ => "definitely not a token", "does not start with 'hkt1.'"),
            ["wrong prefix"] = (k => "hkt2." + k.Issue()[5..], "does not start with 'hkt1.'"),
            ["jwt shaped"] = (_ => "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "does not start with 'hkt1.'"),
            ["oversized"] = (k => k.Issue() + new string('A', CapabilityTokens.MaxLength), "longer than"),
            ["bad base64 character"] = (k => k.Issue()[..20] + "+/" + k.Issue()[22..], "not valid base64url"),
            ["padded base64"] = (k => k.Issue() + "=", "not valid base64url"),
            ["truncated by one character"] = (k => Truncate(k.Issue(), 1), "damaged in transit"),
            ["truncated by one byte"] = (k => TokenKit.Bytes(k.Issue(), b => b[..^1]), "binary layout is broken"),
            ["truncated to half"] = (k => TokenKit.Bytes(k.Issue(), b => b[..(b.Length / 2)]), "binary layout is broken"),
            ["trailing byte"] = (k => TokenKit.Bytes(k.Issue(), b => [.. b, 0]), "binary layout is broken"),
            ["zero blocks"] = (k => TokenKit.Bytes(k.Issue(), b => [0, .. b[1..]]), "binary layout is broken"),
            ["only the prefix"] = (_ => "hkt1.", "binary layout is broken"),
            ["bit flip in root payload"] = (k => TokenKit.FlipBit(k.Issue(), e => PayloadAt(e, 0) + IndexIn(e, 0, "analyst")), "block 0 has a bad signature"),
            ["bit flip in root signature"] = (k => TokenKit.FlipBit(k.Issue(), e => SignatureAt(e, 0) + 10), "block 0 has a bad signature"),
            ["bit flip in child payload"] = (k => TokenKit.FlipBit(k.Child(k.Issue(), ["customers"]), e => PayloadAt(e, 1) + IndexIn(e, 1, "customers")), "block 1 has a bad signature"),
            ["bit flip in child signature"] = (k => TokenKit.FlipBit(k.Child(k.Issue(), ["customers"]), e => SignatureAt(e, 1) + 63), "block 1 has a bad signature"),
            ["bit flip in proof"] = (k => TokenKit.FlipBit(k.Issue(), e => ProofAt(e)), "proof does not match"),
            ["bit flip in block length"] = (k => TokenKit.FlipBit(k.Issue(), _ => 2), "binary layout is broken"),
            ["reordered blocks"] = (k => Reorder(k.Child(k.Child(k.Issue(), ["customers", "orders"]), ["customers"])), "block 1 has a bad signature"),
            ["dropped middle block"] = (k => Drop(k.Child(k.Child(k.Issue(), ["customers"]), null, ["customers: region = 'EU'"]), 1), "block 1 has a bad signature"),
            ["dropped last block"] = (k => Drop(k.Child(k.Issue(), ["customers"]), 1), "proof does not match"),
            ["dropped filter block"] = (k => Drop(k.Child(k.Issue(), null, ["customers: region = 'EU'"]), 1), "proof does not match"),
            ["root with child's proof replaced by root's"] = (k => WithProofOf(Drop(k.Child(k.Issue(), ["customers"]), 1), k.Issue()), "proof does not match"),
            ["block spliced from another token"] = (k => Splice(k.Issue(), k.Child(k.Issue(), ["orders"])), "block 1 has a bad signature"),
            ["proof from another token"] = (k => WithProofOf(k.Issue(), k.Issue()), "proof does not match"),
            ["child widens tables"] = (k => TokenKit.ForgeChild(k.Child(k.Issue(), ["customers"]), j => j, k.ChildScope(["orders"])), "block 2 widens tables: 'orders'"),
            ["child widens tables by pattern"] = (k => TokenKit.ForgeChild(k.Issue(), j => j, k.ChildScope(["cust*"])), "widens tables: 'cust*'"),
            ["child widens actions"] = (k => TokenKit.ForgeChild(k.Child(k.Issue(), null), j => j, k.ChildScope(null, ["read", "admin"])), "widens actions: 'admin'"),
            ["child widens ttl"] = (k => TokenKit.ForgeChild(k.Issue(), j => j, k.ChildScope(ttl: TimeSpan.FromDays(30))), "widens its lifetime"),
            ["child with its own subject"] = (k => TokenKit.ForgeChild(k.Issue(), j => j, k.ChildScope(), new("root")), "adds its own subject"),
            ["child with a key id"] = (k => TokenKit.ForgeChild(k.Issue(), j => j, k.ChildScope(), null, k.KeyB.PublicKey.KeyId), "names a key id"),
            ["child with empty tables"] = (k => TokenKit.ForgeChild(k.Issue(), j => j, k.ChildScope([])), "block 1 names no tables"),
            ["child with alg none"] = (k => TokenKit.ForgeChild(k.Issue(), j => j.Replace("\"ed25519\"", "\"none\"", StringComparison.Ordinal), k.ChildScope()), "other than ed25519"),
            ["expired"] = (k => Later(k, k.Issue(), TimeSpan.FromHours(2)), "expired"),
            ["expired at the exact instant"] = (k => Later(k, k.Issue(), TimeSpan.FromHours(1)), "expired"),
            ["child expired before root"] = (k => Later(k, k.Child(k.Issue(), null, null, TimeSpan.FromMinutes(5)), TimeSpan.FromMinutes(6)), "expired"),
            ["not yet valid"] = (k => Later(k, k.Issue(), TimeSpan.FromMinutes(-2)), "not valid before"),
            ["revoked root"] = (k => Revoke(k, k.Child(k.Issue(), ["customers"]), 0), "revoked"),
            ["revoked child"] = (k => Revoke(k, k.Child(k.Issue(), ["customers"]), 1), "revoked"),
            ["revoked middle block"] = (k => Revoke(k, k.Child(k.Child(k.Issue(), ["customers"]), null), 1), "revoked"),
            ["wrong key"] = (k => k.Issue(key: k.KeyB), "does not know"),
            ["key id of A signed by B"] = (k => TokenKit.ResignRoot(k.Issue(), j => j, k.KeyB), "block 0 has a bad signature"),
            ["alg none"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"ed25519\"", "\"none\"", StringComparison.Ordinal), k.KeyA), "other than ed25519"),
            ["alg hs256"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"ed25519\"", "\"HS256\"", StringComparison.Ordinal), k.KeyA), "other than ed25519"),
            ["unknown version"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal), k.KeyA), "unknown format version"),
            ["unknown member"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"v\":1", "\"v\":1,\"admin\":true", StringComparison.Ordinal), k.KeyA), "unknown member 'admin'"),
            ["duplicate member"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"v\":1", "\"v\":1,\"v\":1", StringComparison.Ordinal), k.KeyA), "repeats the member 'v'"),
            ["payload not json"] = (k => TokenKit.ResignRoot(k.Issue(), j => j[..^3], k.KeyA), "not valid JSON"),
            ["payload a json array"] = (k => TokenKit.ResignRoot(k.Issue(), _ => "[1,2]", k.KeyA), "not a JSON object"),
            ["root with empty tables"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"tables\":[\"customers\",\"orders\"]", "\"tables\":[]", StringComparison.Ordinal), k.KeyA), "names no tables"),
            ["root without tables"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"tables\":[\"customers\",\"orders\"],", "", StringComparison.Ordinal), k.KeyA), "lacks its key id, subject, tables or actions"),
            ["root without key id"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace($"\"kid\":\"{k.KeyA.PublicKey.KeyId}\",", "", StringComparison.Ordinal), k.KeyA), "lacks its key id"),
            ["root with empty agent"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"agent\":\"analyst\"", "\"agent\":\"\"", StringComparison.Ordinal), k.KeyA), "empty agent"),
            ["root with overlong agent"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("analyst", new string('a', 201), StringComparison.Ordinal), k.KeyA), "longer than 200"),
            ["root with overlong task id"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"t-1\"", $"\"{new string('t', 201)}\"", StringComparison.Ordinal), k.KeyA), "part longer than 200"),
            ["unknown filter parameter"] = (k => TokenKit.ResignRoot(k.Issue(TokenKit.Request(filters: ["customers: owner = $agent"])), j => j.Replace("$agent", "$user", StringComparison.Ordinal), k.KeyA), "unknown parameter '$user'"),
            ["malformed filter"] = (k => TokenKit.ResignRoot(k.Issue(TokenKit.Request(filters: ["customers: region = 'EU'"])), j => j.Replace("\\u0022EU\\u0022", "", StringComparison.Ordinal), k.KeyA), "malformed row filter"),
            ["malformed redaction"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("customers.email", "email", StringComparison.Ordinal), k.KeyA), "malformed redaction"),
            ["malformed next key"] = (k => TokenKit.ResignRoot(k.Issue(), j => j.Replace("\"next_key\":\"ed25519:", "\"next_key\":\"ed448:", StringComparison.Ordinal), k.KeyA), "malformed next_key"),
            ["retired key past its until"] = (k => Retire(k, TimeSpan.FromMinutes(-1)), "retired key"),
            ["retired key whose until is before the token's expiry"] = (k => Retire(k, TimeSpan.FromMinutes(30)), "retired key"),
        };

    private static string Truncate(string token, int chars) => token[..^chars];

    private static int PayloadAt(TokenEnvelope e, int block) => 1 + e.Blocks.Take(block).Sum(b => 2 + b.Payload.Length + 64) + 2;

    private static int SignatureAt(TokenEnvelope e, int block) => PayloadAt(e, block) + e.Blocks[block].Payload.Length;

    private static int ProofAt(TokenEnvelope e) => 1 + e.Blocks.Sum(b => 2 + b.Payload.Length + 64);

    private static int IndexIn(TokenEnvelope e, int block, string text) =>
        System.Text.Encoding.UTF8.GetString(e.Blocks[block].Payload).IndexOf(text, StringComparison.Ordinal);

    private static string Reorder(string token)
    {
        var e = TokenKit.Open(token);
        return (e with { Blocks = [e.Blocks[0], e.Blocks[2], e.Blocks[1]] }).Encode();
    }

    private static string Drop(string token, int block)
    {
        var e = TokenKit.Open(token);
        return (e with { Blocks = [.. e.Blocks.Where((_, i) => i != block)] }).Encode();
    }

    private static string Splice(string into, string from)
    {
        var target = TokenKit.Open(into);
        var source = TokenKit.Open(from);
        return new TokenEnvelope([target.Blocks[0], source.Blocks[1]], source.Proof).Encode();
    }

    private static string WithProofOf(string token, string other) => (TokenKit.Open(token) with { Proof = TokenKit.Open(other).Proof }).Encode();

    private static string Later(TokenKit kit, string token, TimeSpan by)
    {
        kit.Clock.Now += by;
        return token;
    }

    private static string Revoke(TokenKit kit, string token, int block)
    {
        kit.Revoked.Add(TokenKit.Open(token).Blocks[block].Id);
        return token;
    }

    /// <summary>Signs with B, then rotates: A is current, B retired until <paramref name="until"/> from now. Verified with <see cref="RetiredKeys"/>.</summary>
    private static string Retire(TokenKit kit, TimeSpan until)
    {
        kit.RetiredUntil = kit.Clock.Now + until;
        var token = kit.Issue(key: kit.KeyB);
        if (until < TimeSpan.Zero)
        {
            kit.RetiredUntil = kit.Clock.Now + TimeSpan.FromHours(2);
            token = kit.Issue(key: kit.KeyB);
            kit.Clock.Now += TimeSpan.FromMinutes(30);
            kit.RetiredUntil = kit.Clock.Now - TimeSpan.FromMinutes(1);
        }

        return token;
    }

    public static KeySet RetiredKeys(TokenKit kit) => kit.RetiredUntil is { } until
        ? new KeySet(kit.KeyA.PublicKey, [new RetiredKey(kit.KeyB.PublicKey, until)])
        : kit.Keys;
}
