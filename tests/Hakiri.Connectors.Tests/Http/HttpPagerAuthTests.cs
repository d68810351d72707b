using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Tests.Fakes;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Tests.Http;

[Collection(FakeApiCollection.Name)]
public sealed class HttpPagerAuthTests(FakeApiFixture api)
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["TICKETS_KEY"] = FakeApiFixture.QuerySecret,
        ["TICKETS_HEADER"] = FakeApiFixture.HeaderSecret,
        ["TICKETS_TOKEN"] = FakeApiFixture.BearerSecret,
        ["TICKETS_USER"] = FakeApiFixture.BasicUser,
        ["TICKETS_PASSWORD"] = FakeApiFixture.BasicPassword,
    };

    private static readonly string[] Secrets = [FakeApiFixture.QuerySecret, FakeApiFixture.HeaderSecret, FakeApiFixture.BearerSecret, FakeApiFixture.BasicPassword];

    public static TheoryData<string> Schemes => new() { "query", "header", "bearer", "basic" };

    private static HttpAuth AuthFor(string scheme) => scheme switch
    {
        "query" => new HttpAuth(HttpAuthKind.Query, Env: "TICKETS_KEY", Name: "api_key"),
        "header" => new HttpAuth(HttpAuthKind.Header, Env: "TICKETS_HEADER", Name: "X-Api-Key"),
        "bearer" => new HttpAuth(HttpAuthKind.Bearer, Env: "TICKETS_TOKEN"),
        "basic" => new HttpAuth(HttpAuthKind.Basic, EnvUser: "TICKETS_USER", EnvPassword: "TICKETS_PASSWORD"),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };

    private static void AssertNoSecret(string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task NextPageAsync_EachAuthScheme_ReadsEverythingWithoutLeakingSecrets(string scheme)
    {
        var key = FakeApiFixture.NewKey();
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/api/{scheme}/{key}/link", pagination: new(HttpPaginationKind.Link), auth: AuthFor(scheme),
            parameters: new Dictionary<string, string> { ["per_page"] = "50" });
        var read = await new PagerHarness(api, Environment).ReadAllAsync(manifest);

        Assert.Equal(PagesRead.Range(1, FakeApiFixture.TicketCount), read.Ids);
        Assert.All(read.Locators, AssertNoSecret);
        Assert.All(read.Cursors, AssertNoSecret);
        Assert.All(read.Locators, l => Assert.DoesNotContain("api_key", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NextPageAsync_QueryAuthMidReadCursor_ResumesWithSecretReapplied()
    {
        var key = FakeApiFixture.NewKey();
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/api/query/{key}/link", pagination: new(HttpPaginationKind.Link), auth: AuthFor("query"));
        PagesRead head;
        using (var pager = new PagerHarness(api, Environment).Open(manifest))
        {
            head = await PagerHarness.ReadAsync(pager, maxPages: 2);
        }

        AssertNoSecret(head.CursorText);
        Assert.Contains("next_url", head.CursorText, StringComparison.Ordinal);
        var tail = await new PagerHarness(api, Environment).ReadAllAsync(manifest, head.Cursor);

        Assert.Equal(PagesRead.Range(1, FakeApiFixture.TicketCount), head.Ids.Concat(tail.Ids));
    }

    [Fact]
    public async Task NextPageAsync_QueryAuthRetried_LogAndErrorOmitSecret()
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api, Environment);
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/flaky/{key}/100", auth: AuthFor("query"), limits: new HttpLimits(MaxRetries: 2));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => harness.ReadAllAsync(manifest));

        Assert.Equal(FakeApiFixture.QuerySecret, api.Requests(key)[0].Query("api_key"));
        Assert.Equal(2, harness.Log.Count);
        Assert.All(harness.Log, AssertNoSecret);
        AssertNoSecret(e.Message);
    }

    [Fact]
    public async Task NextPageAsync_WrongBearerToken_ThrowsAuthExpiredNamingVariable()
    {
        var key = FakeApiFixture.NewKey();
        var environment = new Dictionary<string, string> { ["TICKETS_TOKEN"] = "tok-wrong-value-99" };
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/api/bearer/{key}/array", auth: AuthFor("bearer"));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api, environment).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.AuthExpired, e.Kind);
        Assert.Contains("TICKETS_TOKEN", e.Message, StringComparison.Ordinal);
        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-wrong-value-99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_WrongQueryKey_ThrowsAuthExpiredWithoutSecretInUrl()
    {
        var key = FakeApiFixture.NewKey();
        var environment = new Dictionary<string, string> { ["TICKETS_KEY"] = "qs-wrong-value-98" };
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/api/query/{key}/array", auth: AuthFor("query"));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api, environment).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.AuthExpired, e.Kind);
        Assert.Contains("TICKETS_KEY", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("qs-wrong-value-98", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("api_key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bearer", "TICKETS_TOKEN")]
    [InlineData("basic", "TICKETS_USER")]
    public void Open_AuthVariableUnset_ThrowsPermanentNamingVariable(string scheme, string variable)
    {
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/api/{scheme}/x/array", auth: AuthFor(scheme));
        var e = Assert.Throws<ConnectorException>(() => new PagerHarness(api, new Dictionary<string, string>()).Open(manifest));

        Assert.Equal(ConnectorErrorKind.Permanent, e.Kind);
        Assert.Contains($"environment variable {variable} is not set", e.Message, StringComparison.Ordinal);
    }
}
