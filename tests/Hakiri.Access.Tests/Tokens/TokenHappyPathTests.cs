using Hakiri.Access.Keys;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;

namespace Hakiri.Access.Tests.Tokens;

public sealed class TokenHappyPathTests
{
    [Fact]
    public void Verify_IssuedToken_GrantsWhatWasAsked()
    {
        using var kit = new TokenKit();
        var token = kit.Issue(TokenKit.Request(filters: ["customers: region = 'EU' and owner = $agent"]));

        var scope = kit.Verify(token);

        Assert.StartsWith("hkt1.", token, StringComparison.Ordinal);
        Assert.Equal(new Subject("analyst", "laptop-7", "ana@example.com", "t-1"), scope.Subject);
        Assert.Equal([scope.TokenId], scope.ChainIds);
        Assert.Matches("^[0-9a-f]{16}$", scope.TokenId);
        Assert.Equal(TokenKit.Start.AddHours(1), scope.ExpiresAt);
        Assert.True(scope.Allows("write:memory"));
        var grant = scope.Resolve("CUSTOMERS")!;
        Assert.Equal("region = \"EU\" AND owner = $agent", Assert.Single(grant.Filters).Text);
        Assert.True(grant.Redacts("email"));
        Assert.Empty(scope.Resolve("orders")!.Filters);
    }

    [Fact]
    public void Verify_AttenuatedTwice_IntersectionOfAllBlocks()
    {
        using var kit = new TokenKit();
        var root = kit.Issue(TokenKit.Request(["cust*", "orders"]));
        var child = CapabilityTokens.Attenuate(root, new Attenuation(["customers", "orders"], ["read"], ["customers: region = 'EU'"], ["orders.amount"], TimeSpan.FromMinutes(30)), kit.Clock);
        var grandchild = kit.Child(child, ["customers"], ["customers: tier IN (1, 2)"], TimeSpan.FromMinutes(10));

        var scope = kit.Verify(grandchild);

        Assert.Equal(3, scope.ChainIds.Count);
        Assert.Equal(scope.ChainIds[^1], scope.TokenId);
        Assert.Equal(kit.Verify(child).ChainIds, scope.ChainIds.Take(2));
        Assert.Equal(TokenKit.Start.AddMinutes(10), scope.ExpiresAt);
        Assert.False(scope.Allows("write:memory"));
        Assert.True(scope.Allows("read"));
        Assert.Null(scope.Resolve("orders"));
        Assert.Null(scope.Resolve("custodians"));
        Assert.Equal(["region = \"EU\"", "tier IN (1, 2)"], scope.Resolve("customers")!.Filters.Select(f => f.Text));
    }

    [Fact]
    public void Verify_RetiredKeyWithinUntil_StillVerifies()
    {
        using var kit = new TokenKit();
        var old = kit.Issue(key: kit.KeyB);
        var keys = new KeySet(kit.KeyA.PublicKey, [new RetiredKey(kit.KeyB.PublicKey, TokenKit.Start.AddDays(1))]);

        kit.Clock.Now += TimeSpan.FromMinutes(59);

        Assert.Equal("analyst", kit.Verify(old, keys).Subject.Agent);
        Assert.Equal("analyst", kit.Verify(kit.Issue(), keys).Subject.Agent);
    }

    [Fact]
    public void Verify_ClockBehindWithinSkew_Accepted()
    {
        using var kit = new TokenKit();
        var token = kit.Issue();

        kit.Clock.Now -= TimeSpan.FromSeconds(59);

        Assert.NotNull(kit.Verify(token));
    }

    [Fact]
    public void Inspect_WithoutKeys_ReadsEveryBlock()
    {
        using var kit = new TokenKit();
        var token = kit.Child(kit.Issue(), ["orders"], ["orders: amount >= 10.5"]);

        var description = CapabilityTokens.Inspect(token);

        Assert.Equal(kit.KeyA.PublicKey.KeyId, description.KeyId);
        Assert.Equal("analyst", description.Subject.Agent);
        Assert.Equal(2, description.BlockIds.Count);
        Assert.Equal(["customers", "orders"], description.Blocks[0].Tables);
        Assert.Equal(["orders"], description.Blocks[1].Tables);
        Assert.Null(description.Blocks[1].Actions);
        Assert.Equal("amount >= 10.5", Assert.Single(description.Blocks[1].Filters).Text);
    }

    [Fact]
    public void Issue_SamePayloadAlwaysCanonical_BlockJsonIsStable()
    {
        using var kit = new TokenKit();

        var json = TokenKit.Json(kit.Issue(TokenKit.Request(filters: ["customers: region='EU'"])), 0);

        Assert.StartsWith($"{{\"v\":1,\"alg\":\"ed25519\",\"kid\":\"{kit.KeyA.PublicKey.KeyId}\",\"sub\":{{\"agent\":\"analyst\",", json, StringComparison.Ordinal);
        Assert.Contains("\"filters\":[{\"table\":\"customers\",\"where\":\"region = \\u0022EU\\u0022\"}]", json, StringComparison.Ordinal);
        Assert.Contains("\"nbf\":1796126400,\"exp\":1796130000,\"next_key\":\"ed25519:", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "names no agent")]
    [InlineData("x", "names no tables")]
    [InlineData("x", "the table 'cust omers' may hold only")]
    [InlineData("x", "the redaction 'email' must be table.column")]
    [InlineData("x", "unexpected end of text at column 9: expected a value")]
    [InlineData("x", "ttl is not positive")]
    public void Issue_MalformedRequest_LocatedFormatException(string agent, string refusal)
    {
        using var kit = new TokenKit();
        var request = TokenKit.Request() with { Subject = new Subject(agent) };
        request = refusal switch
        {
            var r when r.Contains("no tables", StringComparison.Ordinal) => request with { Tables = [] },
            var r when r.Contains("cust omers", StringComparison.Ordinal) => request with { Tables = ["cust omers"] },
            var r when r.Contains("redaction", StringComparison.Ordinal) => request with { Redact = ["email"] },
            var r when r.Contains("column 9", StringComparison.Ordinal) => request with { Filters = ["customers: region ="] },
            var r when r.Contains("ttl", StringComparison.Ordinal) => request with { Ttl = TimeSpan.Zero },
            _ => request,
        };

        var error = Assert.Throws<FormatException>(() => kit.Issue(request));

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
    }
}
