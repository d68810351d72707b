using Hakiri.Access.Keys;
using Hakiri.Access.Tokens;

namespace Hakiri.Access.Tests.Tokens;

public sealed class TokenAttackTests
{
    public static TheoryData<string> Attacks => [.. TokenAttacks.All.Keys];

    [Fact]
    public void Attacks_Catalogue_HasAtLeastFortyDistinctCases() => Assert.True(TokenAttacks.All.Count >= 40, $"{TokenAttacks.All.Count} attacks");

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Verify_Attack_RefusedWithItsSentence(string attack)
    {
        using var kit = new TokenKit();
        var (make, refusal) = TokenAttacks.All[attack];
        var token = make(kit);

        var error = Assert.Throws<TokenRejectedException>(() => kit.Verify(token, TokenAttacks.RetiredKeys(kit)));

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(kit.KeyA.Export()[16..], error.Message, StringComparison.Ordinal);
        if (TokenKit.TryOpen(token) is { } envelope)
        {
            Assert.DoesNotContain(Base64Url.Encode(envelope.Proof), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_EveryBitOfEveryByteFlipped_Refused()
    {
        using var kit = new TokenKit();
        var token = kit.Child(kit.Issue(TokenKit.Request(filters: ["customers: region = 'EU'"])), ["customers"]);
        Base64Url.TryDecode(token[5..], out var bytes);

        for (var i = 0; i < bytes.Length; i++)
        {
            var bit = 1 << (i % 8);
            var flipped = (byte[])bytes.Clone();
            flipped[i] ^= (byte)bit;
            Assert.Throws<TokenRejectedException>(() => kit.Verify("hkt1." + Base64Url.Encode(flipped)));
        }
    }

    [Fact]
    public void Verify_EveryCharacterOfTheTextChanged_Refused()
    {
        using var kit = new TokenKit();
        var token = kit.Issue();

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Throws<TokenRejectedException>(() => kit.Verify(changed));
        }
    }

    [Fact]
    public void Resolve_ChildReplayedOnAnotherTable_TableDoesNotExist()
    {
        using var kit = new TokenKit();
        var child = kit.Child(kit.Issue(), ["customers"]);

        var scope = kit.Verify(child);

        Assert.NotNull(scope.Resolve("customers"));
        Assert.Null(scope.Resolve("orders"));
        Assert.Null(scope.Resolve("payments"));
    }

    [Theory]
    [InlineData("tables", "widens tables: 'payments'")]
    [InlineData("actions", "widens actions: 'admin'")]
    [InlineData("ttl", "widens its lifetime")]
    [InlineData("no tables", "names no tables")]
    public void Attenuate_Widening_RefusedNamingThePart(string part, string refusal)
    {
        using var kit = new TokenKit();
        var token = kit.Issue();
        var attenuation = part switch
        {
            "tables" => new Attenuation(["customers", "payments"], null, [], [], null),
            "actions" => new Attenuation(null, ["read", "admin"], [], [], null),
            "ttl" => new Attenuation(null, null, [], [], TimeSpan.FromDays(1)),
            _ => new Attenuation([], null, [], [], null),
        };

        var error = Assert.Throws<FormatException>(() => CapabilityTokens.Attenuate(token, attenuation, kit.Clock));

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attenuate_ProofFromAnotherToken_Refused()
    {
        using var kit = new TokenKit();
        var forged = (TokenKit.Open(kit.Issue()) with { Proof = TokenKit.Open(kit.Issue()).Proof }).Encode();

        var error = Assert.Throws<TokenRejectedException>(() => kit.Child(forged, ["customers"]));

        Assert.Contains("proof does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attenuate_ExpiredToken_Refused()
    {
        using var kit = new TokenKit();
        var token = kit.Issue();
        kit.Clock.Now += TimeSpan.FromHours(3);

        var error = Assert.Throws<TokenRejectedException>(() => kit.Child(token, ["customers"], null, TimeSpan.FromMinutes(5)));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_NoTokenOrAttack_RefusedAndValidTokenAdmitted()
    {
        using var kit = new TokenKit();
        var gate = new TokenGate(kit.Keys, new NoRevocations(), kit.Clock);

        Assert.Contains("requires a token", Assert.Throws<TokenRejectedException>(() => gate.Admit(null)).Message, StringComparison.Ordinal);
        Assert.Contains("does not know", Assert.Throws<TokenRejectedException>(() => gate.Admit(kit.Issue(key: kit.KeyB))).Message, StringComparison.Ordinal);
        Assert.Equal("analyst", gate.Admit(" " + kit.Issue() + "\n").Subject.Agent);
    }

    [Fact]
    public void Attenuate_MalformedFilter_LocatedFormatException()
    {
        using var kit = new TokenKit();

        var error = Assert.Throws<FormatException>(() => kit.Child(kit.Issue(), null, ["customers: region = )"]));

        Assert.Contains("unexpected ')' at column 10: expected a value", error.Message, StringComparison.Ordinal);
    }

    private sealed class NoRevocations : IRevocationList
    {
        public bool IsRevoked(string blockId) => false;
    }
}
