using Hakiri.Connectors.Cassettes;

namespace Hakiri.Connectors.Tests.Cassettes;

public sealed class CassetteReplayerTests
{
    private const string CassettePath = "fixtures/api/cassette.json";

    [Fact]
    public async Task SendAsync_UnrecordedRequest_ThrowsMissNamingMethodUrlAndCassette()
    {
        using var client = Client(new Redactor(["s3cret"], ["key"]), Recorded("https://api.example.com/items?page=1", "one"));

        var miss = await Assert.ThrowsAsync<CassetteMissException>(() => client.DeleteAsync("https://api.example.com/items?page=2&key=s3cret"));

        Assert.Equal("DELETE", miss.Method);
        Assert.Equal("https://api.example.com/items?page=2&key=[redacted]", miss.Url);
        Assert.Equal(
            "The cassette fixtures/api/cassette.json has no recording of DELETE https://api.example.com/items?page=2&key=[redacted]; re-record it with `hakiri run --record api`.",
            miss.Message);
    }

    [Fact]
    public async Task SendAsync_QueryInAnotherOrder_Matches()
    {
        using var client = Client(null, Recorded("https://api.example.com/items?page=2&per_page=100&state=all", "page 2"));

        Assert.Equal("page 2", await client.GetStringAsync("https://API.example.com:443/items?state=all&page=2&per_page=100"));
    }

    [Fact]
    public async Task SendAsync_ExtraOrDifferentQueryValue_Misses()
    {
        using var client = Client(null, Recorded("https://api.example.com/items?page=2", "page 2"));

        await Assert.ThrowsAsync<CassetteMissException>(() => client.GetStringAsync("https://api.example.com/items?page=3"));
        await Assert.ThrowsAsync<CassetteMissException>(() => client.GetStringAsync("https://api.example.com/items?page=2&page=2"));
        await Assert.ThrowsAsync<CassetteMissException>(() => client.GetStringAsync("https://api.example.com/items/?page=2"));
    }

    [Fact]
    public async Task SendAsync_NoSecretAtReplay_MatchesRedactedRecording()
    {
        using var client = Client(Redactor.None, Recorded("https://api.example.com/items?key=[redacted]&page=1", "one"));

        Assert.Equal("one", await client.GetStringAsync("https://api.example.com/items?page=1&key="));
    }

    [Fact]
    public async Task SendAsync_IdenticalRequestsRecordedTwice_ServedInOrderThenLastRepeats()
    {
        var url = "https://api.example.com/status";
        using var replayer = new CassetteReplayer(Recorded(url, "first", url, "second", "https://api.example.com/other", "other"), CassettePath);
        using var client = new HttpClient(replayer);

        Assert.Equal(["first", "second", "second"], [await client.GetStringAsync(url), await client.GetStringAsync(url), await client.GetStringAsync(url)]);
        Assert.Equal(3, replayer.ServedCount);
        Assert.False(replayer.AllInteractionsUsed);
        Assert.Equal("https://api.example.com/other", Assert.Single(replayer.UnusedInteractions).Request.Url);
    }

    [Fact]
    public async Task SendAsync_RecordedHeaders_AreOnResponseAndContent()
    {
        var cassette = new Cassette(1, DateTimeOffset.UnixEpoch, [new CassetteInteraction(
            new CassetteRequest("GET", "https://api.example.com/"),
            new CassetteResponse(404, new Dictionary<string, string> { ["Content-Type"] = "application/json", ["ETag"] = "\"x\"", ["Content-Length"] = "999" }, "{}"))]);
        using var client = new HttpClient(new CassetteReplayer(cassette, CassettePath));

        using var response = await client.GetAsync("https://api.example.com/");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"x\"", response.Headers.ETag?.Tag);
        Assert.Equal(2, response.Content.Headers.ContentLength);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    private static HttpClient Client(Redactor? redactor, Cassette cassette) => new(new CassetteReplayer(cassette, CassettePath, redactor, "api"));

    private static Cassette Recorded(params string[] urlsAndBodies) =>
        new(1, DateTimeOffset.UnixEpoch, [.. urlsAndBodies.Chunk(2).Select(p =>
            new CassetteInteraction(new CassetteRequest("GET", p[0]), new CassetteResponse(200, null, p[1])))]);
}
