using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Tests.Fakes;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Tests.Http;

[Collection(FakeApiCollection.Name)]
public sealed class HttpPagerResilienceTests(FakeApiFixture api)
{
    [Fact]
    public async Task NextPageAsync_TwoServiceUnavailable_RetriesThenSucceeds()
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api);
        var read = await harness.ReadAllAsync(PagerHarness.Manifest($"{api.BaseUrl}/flaky/{key}/2"));

        Assert.Equal(["1", "2", "3"], read.Ids);
        Assert.Equal(3, api.Requests(key).Count);
        Assert.Equal(2, harness.Clock.Delays.Count);
        Assert.Collection(harness.Log,
            line => Assert.Matches(@"^tickets: GET http://127\.0\.0\.1:\d+/flaky/\w+/2 returned 503 Service Unavailable; retry 1/5 in \d+\.\d s$", line),
            line => Assert.Contains("retry 2/5", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NextPageAsync_ServiceUnavailableBeyondMaxRetries_ThrowsTransient()
    {
        var key = FakeApiFixture.NewKey();
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/flaky/{key}/100", limits: new HttpLimits(MaxRetries: 3));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.Transient, e.Kind);
        Assert.Equal(4, api.Requests(key).Count);
        Assert.Contains("503", e.Message, StringComparison.Ordinal);
        Assert.Contains("all 4 attempts", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 2, 2)]
    [InlineData("?date=1", 3, 5.5)]
    public async Task NextPageAsync_TooManyRequestsWithRetryAfter_WaitsThatLongThenSucceeds(string query, double minSeconds, double maxSeconds)
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api);
        var read = await harness.ReadAllAsync(PagerHarness.Manifest($"{api.BaseUrl}/limited/{key}/1{query}"));

        Assert.Equal(3, read.Ids.Count);
        var wait = Assert.Single(harness.Clock.Delays);
        Assert.InRange(wait.TotalSeconds, minSeconds, maxSeconds);
        Assert.Contains("429", Assert.Single(harness.Log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_TooManyRequestsBeyondMaxRetries_ThrowsRateLimited()
    {
        var key = FakeApiFixture.NewKey();
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/limited/{key}/100", limits: new HttpLimits(MaxRetries: 2));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.RateLimited, e.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
    }

    [Fact]
    public async Task NextPageAsync_RemainingZeroWithReset_PausesUntilResetBeforeNextPage()
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api);
        var read = await harness.ReadAllAsync(PagerHarness.Manifest($"{api.BaseUrl}/reset/{key}", pagination: new(HttpPaginationKind.Link)));

        Assert.Equal(PagesRead.Range(1, 6), read.Ids);
        Assert.InRange(Assert.Single(harness.Clock.Delays).TotalSeconds, 25, 31);
        Assert.Contains("pausing", Assert.Single(harness.Log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_ResetBeyondMaxWait_ThrowsRateLimitedWithRetryAfter()
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api);
        var e = await Assert.ThrowsAsync<ConnectorException>(() => harness.ReadAllAsync(PagerHarness.Manifest($"{api.BaseUrl}/reset-far/{key}")));

        Assert.Equal(ConnectorErrorKind.RateLimited, e.Kind);
        Assert.InRange(e.RetryAfter!.Value.TotalMinutes, 55, 61);
        Assert.Empty(harness.Clock.Delays);
        Assert.Single(api.Requests(key));
    }

    [Fact]
    public async Task NextPageAsync_SlowOnce_TimesOutRetriesThenSucceeds()
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api);
        var read = await harness.ReadAllAsync(PagerHarness.Manifest($"{api.BaseUrl}/slow/{key}/1", limits: new HttpLimits(TimeoutSeconds: 1)));

        Assert.Equal(3, read.Ids.Count);
        Assert.Contains("timed out after 1.0 s; retry 1/5", Assert.Single(harness.Log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_AlwaysSlow_ThrowsTransientAfterRetries()
    {
        var key = FakeApiFixture.NewKey();
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/slow/{key}/100", limits: new HttpLimits(TimeoutSeconds: 1, MaxRetries: 1));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.Transient, e.Kind);
        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);
        Assert.Contains("timeout_seconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_ConnectionRefused_ThrowsTransient()
    {
        var manifest = PagerHarness.Manifest("http://127.0.0.1:1/nothing", limits: new HttpLimits(MaxRetries: 1));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.Transient, e.Kind);
        Assert.StartsWith("tickets: GET http://127.0.0.1:1/nothing failed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_MalformedJson_ThrowsPermanentWithPosition()
    {
        var url = $"{api.BaseUrl}/malformed/{FakeApiFixture.NewKey()}";
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(PagerHarness.Manifest(url)));

        Assert.Equal(ConnectorErrorKind.Permanent, e.Kind);
        Assert.Contains(url, e.Message, StringComparison.Ordinal);
        Assert.Matches(@"malformed JSON at line 3, byte 1[12];", e.Message);
    }

    [Theory]
    [InlineData(403, ConnectorErrorKind.Permanent)]
    [InlineData(404, ConnectorErrorKind.Permanent)]
    [InlineData(400, ConnectorErrorKind.Permanent)]
    [InlineData(401, ConnectorErrorKind.AuthExpired)]
    public async Task NextPageAsync_ClientErrorStatus_ThrowsWithoutRetry(int status, ConnectorErrorKind kind)
    {
        var url = $"{api.BaseUrl}/status/{FakeApiFixture.NewKey()}/{status}";
        var harness = new PagerHarness(api);
        var e = await Assert.ThrowsAsync<ConnectorException>(() => harness.ReadAllAsync(PagerHarness.Manifest(url)));

        Assert.Equal(kind, e.Kind);
        Assert.StartsWith($"tickets: GET {url} returned {status} ", e.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Clock.Delays);
    }
}
