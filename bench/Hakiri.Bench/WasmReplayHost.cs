using System.Globalization;
using System.Text.Json;
using Hakiri.Wasm.Host;

/// <summary>
/// A host that answers the items guest's requests from pages fetched beforehand, so a timed read is the guest's work
/// (JSON decode and Arrow encode), the canonical-ABI copies and the host's Arrow import — no sockets, no API server.
/// </summary>
internal sealed class WasmReplayHost(string baseUrl, IReadOnlyDictionary<string, byte[]> pages) : IConnectorHost
{
    private static readonly KeyValuePair<string, string>[] Json = [new("content-type", "application/json; charset=utf-8")];

    /// <summary>Fetches every page the way the guests ask for them: <c>/items?limit=N</c>, then <c>&amp;after=&lt;last id&gt;</c>.</summary>
    public static async Task<WasmReplayHost> RecordAsync(string baseUrl)
    {
        using var client = new HttpClient();
        var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (long? after = null; ;)
        {
            var url = $"{baseUrl}/items?limit={WasmBench.PageSize}" + (after is { } a ? $"&after={a.ToString(CultureInfo.InvariantCulture)}" : "");
            var body = await client.GetByteArrayAsync(new Uri(url));
            pages[url] = body;
            using var page = JsonDocument.Parse(body);
            var items = page.RootElement.GetProperty("items");
            if (!page.RootElement.GetProperty("has_more").GetBoolean() || items.GetArrayLength() == 0)
            {
                return new WasmReplayHost(baseUrl, pages);
            }

            after = items[items.GetArrayLength() - 1].GetProperty("id").GetInt64();
        }
    }

    public void Log(GuestLogLevel level, string message)
    {
    }

    public ulong? NowMilliseconds() => null;

    public string? Config(string key) => key switch
    {
        "base_url" => baseUrl,
        "page_size" => WasmBench.PageSize.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public string? Environment(string name) => null;

    public GuestHttpResponse HttpFetch(GuestHttpRequest request) =>
        pages.TryGetValue(request.Url, out var body)
            ? new GuestHttpResponse(200, Json, body)
            : throw new InvalidOperationException($"the guest asked for {request.Url}, which was not recorded");
}
