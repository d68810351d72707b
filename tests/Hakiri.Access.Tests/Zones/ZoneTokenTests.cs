using System.Text;
using Hakiri.Access.Tests.Tokens;
using Hakiri.Access.Tokens;

namespace Hakiri.Access.Tests.Zones;

public sealed class ZoneTokenTests
{
    [Fact]
    public void Issue_WithZone_VerifiedScopeAndInspectCarryIt()
    {
        using var kit = new TokenKit();
        var token = kit.Issue(TokenKit.Request() with { Zone = "public-cloud:openai" });

        Assert.Equal("public-cloud:openai", kit.Verify(token).Zone);
        Assert.Equal("public-cloud:openai", CapabilityTokens.Inspect(token).Zone);
        Assert.Contains("\"zone\":\"public-cloud:openai\"", TokenKit.Json(token, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_WithoutZone_NoZoneMemberAndUnknownZone()
    {
        using var kit = new TokenKit();
        var token = kit.Issue();

        Assert.Null(kit.Verify(token).Zone);
        Assert.DoesNotContain("zone", TokenKit.Json(token, 0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public-cloud:*")]
    [InlineData("cloud:openai")]
    [InlineData("PUBLIC-CLOUD:openai")]
    public void Issue_MalformedZone_RefusedWithSentence(string zone)
    {
        using var kit = new TokenKit();

        var error = Assert.Throws<FormatException>(() => kit.Issue(TokenKit.Request() with { Zone = zone }));

        Assert.StartsWith($"The token request's --zone '{zone}' is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attenuate_SettingAZone_Refused()
    {
        using var kit = new TokenKit();
        var token = kit.Issue(TokenKit.Request() with { Zone = "public-cloud:openai" });

        var error = Assert.Throws<FormatException>(() => CapabilityTokens.Attenuate(token, new Attenuation(null, null, [], [], null) { Zone = "on-prem:clinic" }, kit.Clock));

        Assert.Contains("sets an inference zone, which only the token's issuer may", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attenuate_ZonedToken_ChildKeepsTheIssuersZone()
    {
        using var kit = new TokenKit();
        var child = kit.Child(kit.Issue(TokenKit.Request() with { Zone = "private-cloud:acme" }), ["customers"]);

        Assert.Equal("private-cloud:acme", kit.Verify(child).Zone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("public-cloud:openai")]
    public void Verify_ForgedChildClaimingAZone_Refused(string? issued)
    {
        using var kit = new TokenKit();
        var token = kit.Issue(TokenKit.Request() with { Zone = issued });
        var forged = TokenKit.ForgeChild(token, j => j.Replace("\"tables\"", "\"zone\":\"on-prem:clinic\",\"tables\"", StringComparison.Ordinal), kit.ChildScope(["customers"]));

        var error = Assert.Throws<TokenRejectedException>(() => kit.Verify(forged));

        Assert.Contains("A later block of the token names an inference zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RootZoneEditedWithoutResigning_BadSignature()
    {
        using var kit = new TokenKit();
        var token = kit.Issue(TokenKit.Request() with { Zone = "public-cloud:openai" });
        var envelope = TokenKit.Open(token);
        var payload = Encoding.UTF8.GetBytes(TokenKit.Json(token, 0).Replace("public-cloud:openai", "on-prem:openai0", StringComparison.Ordinal));
        var edited = (envelope with { Blocks = [new SignedBlock(payload, envelope.Blocks[0].Signature)] }).Encode();

        Assert.Throws<TokenRejectedException>(() => kit.Verify(edited));
    }

    [Fact]
    public void Verify_RootZoneMalformed_Refused()
    {
        using var kit = new TokenKit();
        var token = TokenKit.ResignRoot(kit.Issue(), j => j.Replace("\"tables\"", "\"zone\":\"on-prem:*\",\"tables\"", StringComparison.Ordinal), kit.KeyA);

        var error = Assert.Throws<TokenRejectedException>(() => kit.Verify(token));

        Assert.Contains("has a malformed zone", error.Message, StringComparison.Ordinal);
    }
}
