using Hakiri.Connectors.Cassettes;
using Hakiri.Connectors.Contract;
using Hakiri.Testing;
using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class GrantedHostCassetteTests
{
    [Fact]
    public async Task HttpFetch_RecordedThroughACassette_ReplaysOfflineHopByHop()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("fixtures", "tickets", "cassette.json");
        var grants = Http(Pattern("127.0.0.1"));
        GuestHttpResponse live;
        string url;
        await using (var server = await LocalServer.StartAsync())
        {
            url = $"{server.BaseUrl}/redirect?status=302&to=%2Fhello";
            using var recorder = new CassetteRecorder(ConnectorServices.CreateNetworkHandler(followRedirects: false), Redactor.None);
            using (var host = new GrantedHost("tickets", grants, new Dictionary<string, string>(), Services(recorder)))
            {
                live = host.HttpFetch(Get(url));
            }

            Assert.Equal(2, recorder.Count);
            recorder.Save(path);
        }

        // The server is gone: only the cassette can answer now.
        var replayer = CassetteReplayer.Load(path);
        using var replay = new GrantedHost("tickets", grants, new Dictionary<string, string>(), Services(replayer));
        var replayed = replay.HttpFetch(Get(url));

        Assert.Equal(live.Status, replayed.Status);
        Assert.Equal(Text(live), Text(replayed));
        Assert.Equal("a", Header(replayed, "X-Test"));
        Assert.True(replayer.AllInteractionsUsed);
        Assert.Equal(2, replayer.ServedCount);
    }

    [Fact]
    public void HttpFetch_ReplayedRedirectToUngrantedHost_StillRefused()
    {
        var cassette = new Cassette(Cassette.CurrentVersion, DateTimeOffset.UnixEpoch,
        [
            new CassetteInteraction(
                new CassetteRequest("GET", "https://api.example.com/v1/items"),
                new CassetteResponse(302, new Dictionary<string, string> { ["Location"] = "https://evil.example.org/steal" })),
            new CassetteInteraction(new CassetteRequest("GET", "https://evil.example.org/steal"), new CassetteResponse(200, Body: "stolen")),
        ]);
        var replayer = new CassetteReplayer(cassette, "cassette.json");
        using var host = new GrantedHost("items", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(replayer));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get("https://api.example.com/v1/items")));

        Assert.Contains("may not follow the redirect from https://api.example.com/v1/items to evil.example.org:443", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, replayer.ServedCount);
    }

    [Fact]
    public void HttpFetch_NoRecording_CassetteMissLetThrough()
    {
        var replayer = new CassetteReplayer(new Cassette(Cassette.CurrentVersion, DateTimeOffset.UnixEpoch, []), "cassette.json", pipeline: "items");
        using var host = new GrantedHost("items", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(replayer));

        var miss = Assert.Throws<CassetteMissException>(() => host.HttpFetch(Get("https://api.example.com/v1/items")));

        Assert.Equal("https://api.example.com/v1/items", miss.Url);
    }
}
