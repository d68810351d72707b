using System.Collections.Concurrent;
using System.Text;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Http;
using Hakiri.Connectors.Tests.Fakes;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Tests.Http;

/// <summary>Builds manifests, services and pagers against the fake API, and reads pages to the end.</summary>
internal sealed class PagerHarness(FakeApiFixture api, IReadOnlyDictionary<string, string>? environment = null, HttpMessageHandler? handler = null)
{
    public InstantTimeProvider Clock { get; } = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public ConnectorServices Services => new(
        handler ?? api.Handler,
        name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
        Clock,
        Log.Enqueue);

    public static HttpSourceManifest Manifest(
        string url,
        string records = "",
        HttpPagination? pagination = null,
        HttpAuth? auth = null,
        HttpIncremental? incremental = null,
        HttpLimits? limits = null,
        IReadOnlyDictionary<string, string>? parameters = null) =>
        new(url, string.Empty, records, parameters ?? new Dictionary<string, string>(), new Dictionary<string, string>(),
            auth ?? HttpAuth.None, pagination ?? HttpPagination.None, incremental, limits ?? HttpLimits.Default);

    public HttpPager Open(HttpSourceManifest manifest, ReadOnlyMemory<byte>? cursor = null) =>
        new HttpSourceConnector("tickets", "tickets", ["id"], manifest, Services).OpenPager(cursor);

    /// <summary>Reads up to <paramref name="maxPages"/> pages (all by default).</summary>
    public static async Task<PagesRead> ReadAsync(HttpPager pager, int maxPages = int.MaxValue, string idField = "id")
    {
        var read = new PagesRead();
        for (var i = 0; i < maxPages && await pager.NextPageAsync() is { } page; i++)
        {
            using (page)
            {
                read.Ids.AddRange(page.Records.Select(r => r.GetProperty(idField).ToString()));
                read.Locators.Add(page.Locator);
                read.Cursors.Add(Encoding.UTF8.GetString(page.Cursor.Span));
            }
        }

        read.Cursor = pager.Cursor.ToArray();
        return read;
    }

    public async Task<PagesRead> ReadAllAsync(HttpSourceManifest manifest, ReadOnlyMemory<byte>? cursor = null)
    {
        using var pager = Open(manifest, cursor);
        return await ReadAsync(pager);
    }
}

internal sealed class PagesRead
{
    public List<string> Ids { get; } = [];

    public List<string> Locators { get; } = [];

    public List<string> Cursors { get; } = [];

    public byte[] Cursor { get; set; } = [];

    public string CursorText => Encoding.UTF8.GetString(Cursor);

    public static IEnumerable<string> Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
