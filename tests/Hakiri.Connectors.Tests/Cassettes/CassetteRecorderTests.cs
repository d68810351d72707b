using System.Net;
using System.Net.Http.Headers;
using Hakiri.Connectors.Cassettes;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Cassettes;

[Collection(PagesServerCollection.Name)]
public sealed class CassetteRecorderTests(PagesServer server) : IDisposable
{
    private static readonly string[] ComparedHeaders = ["Content-Type", "ETag", "X-RateLimit-Remaining", "Link"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Save_PagesRecorded_ReplayServesSameStatusesHeadersAndBodies()
    {
        var path = _temp.Combine("fixtures", "pages", "cassette.json");
        var live = await RecordAsync(path);
        var before = server.Requests;

        using var replayer = CassetteReplayer.Load(path, SecretsRedactor("other-token", "other-key"), "pages");
        using var client = Client(replayer, "other-token");
        foreach (var (url, recorded) in live)
        {
            var replayed = await Snapshot(client, url.Replace(PagesServer.ApiKey, "other-key", StringComparison.Ordinal));
            Assert.Equal(recorded.Status, replayed.Status);
            Assert.Equal(recorded.Headers, replayed.Headers);
            Assert.Equal(recorded.Body, replayed.Body);
        }

        Assert.Equal(before, server.Requests);
        Assert.Equal(live.Count, replayer.ServedCount);
        Assert.True(replayer.AllInteractionsUsed);
    }

    [Fact]
    public async Task Save_BearerTokenAndQueryKey_FileHasNoSecret()
    {
        var path = _temp.Combine("cassette.json");
        await RecordAsync(path);

        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain(PagesServer.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PagesServer.ApiKey, text, StringComparison.Ordinal);
        var cassette = Cassette.Load(path);
        Assert.All(cassette.Interactions, i => Assert.Equal(Redactor.Placeholder, i.Request.Headers!["Authorization"]));
        Assert.Contains("api_key=[redacted]", cassette.Interactions[0].Response.Headers!["Link"], StringComparison.Ordinal);
        Assert.Contains("api_key=[redacted]", cassette.Interactions[0].Response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_GzipAndBinaryResponses_StoresDecodedTextAndBase64()
    {
        var path = _temp.Combine("cassette.json");
        await RecordAsync(path);

        var text = await File.ReadAllTextAsync(path);
        var interactions = Cassette.Load(path).Interactions;
        var page2 = interactions.Single(i => i.Request.Url.Contains("page=2", StringComparison.Ordinal)).Response;
        Assert.Equal(PagesServer.Page2Json, page2.Body);
        Assert.DoesNotContain("Content-Encoding", page2.Headers!.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("Content-Length", page2.Headers!.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Zoë ☕", text, StringComparison.Ordinal);
        var binary = interactions.Single(i => i.Request.Url.Contains("logo.bin", StringComparison.Ordinal)).Response;
        Assert.Null(binary.Body);
        Assert.Equal(PagesServer.BinaryBody, Convert.FromBase64String(binary.BodyBase64!));
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  \"interactions\": [", text, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Save_ChosenHeaders_KeepsAcceptAndDropsOthers()
    {
        var path = _temp.Combine("cassette.json");
        await RecordAsync(path);

        var headers = Cassette.Load(path).Interactions[0].Request.Headers!;
        Assert.Equal(["Accept", "Authorization", "X-GitHub-Api-Version"], headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("application/json", headers["Accept"]);
    }

    [Fact]
    public async Task Save_GzipBodyNotDecompressedByNetwork_StoresDecodedTextWithoutContentEncoding()
    {
        var path = _temp.Combine("cassette.json");
        using (var recorder = new CassetteRecorder(new SocketsHttpHandler(), SecretsRedactor(PagesServer.Token, PagesServer.ApiKey), new FixedClock()))
        using (var client = Client(recorder, PagesServer.Token))
        {
            using var response = await client.GetAsync($"{server.BaseUrl}/items?page=2&api_key={PagesServer.ApiKey}");
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            recorder.Save(path);
        }

        var cassette = Cassette.Load(path);
        var recorded = Assert.Single(cassette.Interactions).Response;
        Assert.Equal(PagesServer.Page2Json, recorded.Body);
        Assert.DoesNotContain("Content-Encoding", recorded.Headers!.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), cassette.RecordedAt);
        Assert.Contains("\"recorded_at\": \"2025-06-01T12:00:00+00:00\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    private async Task<List<(string Url, Snap Live)>> RecordAsync(string path)
    {
        var urls = new[]
        {
            $"{server.BaseUrl}/items?page=1&api_key={PagesServer.ApiKey}",
            $"{server.BaseUrl}/items?page=2&api_key={PagesServer.ApiKey}",
            $"{server.BaseUrl}/logo.bin?api_key={PagesServer.ApiKey}",
        };
        var network = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All };
        using var recorder = new CassetteRecorder(network, SecretsRedactor(PagesServer.Token, PagesServer.ApiKey));
        using var client = Client(recorder, PagesServer.Token);
        var live = new List<(string, Snap)>();
        foreach (var url in urls)
        {
            live.Add((url, await Snapshot(client, url)));
        }

        Assert.All(live, l => Assert.Equal(200, l.Item2.Status));
        recorder.Save(path);
        return live;
    }

    private static Redactor SecretsRedactor(string token, string key) => new([token, key], ["api_key"]);

    private static HttpClient Client(HttpMessageHandler handler, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        client.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("hakiri-test/1.0");
        return client;
    }

    private static async Task<Snap> Snapshot(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = ComparedHeaders
            .Select(name => response.Headers.TryGetValues(name, out var v) || response.Content.Headers.TryGetValues(name, out v) ? $"{name}: {Unkeyed(string.Join(", ", v))}" : null)
            .OfType<string>()
            .ToList();
        var text = body.Contains((byte)0) ? Convert.ToBase64String(body) : Unkeyed(System.Text.Encoding.UTF8.GetString(body));
        return new Snap((int)response.StatusCode, headers, text);
    }

    // Live responses hold the key where replayed ones hold the placeholder; everything else must be identical.
    private static string Unkeyed(string text) =>
        text.Replace(PagesServer.ApiKey, "KEY", StringComparison.Ordinal).Replace(Redactor.Placeholder, "KEY", StringComparison.Ordinal);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2025, 6, 1, 12, 0, 0, 123, TimeSpan.Zero);
    }

    private sealed record Snap(int Status, List<string> Headers, string Body);
}
