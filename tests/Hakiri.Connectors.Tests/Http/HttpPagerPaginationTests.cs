using System.Text.Json;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Tests.Fakes;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Tests.Http;

[Collection(FakeApiCollection.Name)]
public sealed class HttpPagerPaginationTests(FakeApiFixture api)
{
    public static TheoryData<string> Kinds => new() { "none", "link", "next_url", "cursor", "offset", "page" };

    public static TheoryData<string> PagedKinds => new() { "link", "next_url", "cursor", "offset", "page" };

    private HttpSourceManifest ManifestFor(string kind, string key, HttpIncremental? incremental = null)
    {
        var root = $"{api.BaseUrl}/api/none/{key}";
        return kind switch
        {
            "none" => PagerHarness.Manifest($"{root}/array", incremental: incremental),
            "link" => PagerHarness.Manifest($"{root}/link", pagination: new(HttpPaginationKind.Link), incremental: incremental, parameters: new Dictionary<string, string> { ["per_page"] = "40" }),
            "next_url" => PagerHarness.Manifest($"{root}/next", "results", new(HttpPaginationKind.NextUrl, Field: "meta.next"), incremental: incremental),
            "cursor" => PagerHarness.Manifest($"{root}/cursor", "data.items", new(HttpPaginationKind.Cursor, Field: "paging.next_cursor", Param: "after", LimitParam: "limit", Limit: 30), incremental: incremental),
            "offset" => PagerHarness.Manifest($"{root}/offset", "items", new(HttpPaginationKind.Offset, Param: "offset", LimitParam: "limit", Limit: 25), incremental: incremental),
            "page" => PagerHarness.Manifest($"{root}/page", "items", new(HttpPaginationKind.Page, Param: "page", LimitParam: "size", Limit: 20, Start: 1), incremental: incremental),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task NextPageAsync_EachPaginationKind_ReturnsEveryRecordOnce(string kind)
    {
        var harness = new PagerHarness(api);
        var read = await harness.ReadAllAsync(ManifestFor(kind, FakeApiFixture.NewKey()));

        Assert.Equal(PagesRead.Range(1, FakeApiFixture.TicketCount), read.Ids);
        Assert.All(read.Locators, l => Assert.StartsWith(api.BaseUrl, l, StringComparison.Ordinal));
        Assert.DoesNotContain("next_url", read.CursorText, StringComparison.Ordinal);
        Assert.DoesNotContain("position", read.CursorText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PagedKinds))]
    public async Task NextPageAsync_MidReadCursorInFreshConnector_ReturnsTheRestOnce(string kind)
    {
        var key = FakeApiFixture.NewKey();
        var manifest = ManifestFor(kind, key);
        PagesRead head;
        using (var first = new PagerHarness(api).Open(manifest))
        {
            head = await PagerHarness.ReadAsync(first, maxPages: 3);
        }

        var tail = await new PagerHarness(api).ReadAllAsync(manifest, head.Cursor);

        Assert.Equal(PagesRead.Range(1, FakeApiFixture.TicketCount), head.Ids.Concat(tail.Ids));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task NextPageAsync_EndCursorThenChangedRecords_FetchesOnlyChangesWithSince(string kind)
    {
        var key = FakeApiFixture.NewKey();
        var manifest = ManifestFor(kind, key, new HttpIncremental("updated_at", "since"));
        var first = await new PagerHarness(api).ReadAllAsync(manifest);
        var max = FakeApiFixture.Stamp(FakeApiFixture.TicketEpoch.AddMinutes(FakeApiFixture.TicketCount));
        using (var cursor = JsonDocument.Parse(first.Cursor))
        {
            Assert.Equal(1, cursor.RootElement.GetProperty("v").GetInt32());
            Assert.Equal(max, cursor.RootElement.GetProperty("since").GetString());
        }

        api.UpsertTicket(key, 7, FakeApiFixture.TicketEpoch.AddDays(2));
        api.UpsertTicket(key, 251, FakeApiFixture.TicketEpoch.AddDays(3));
        var requestsBefore = api.Requests(key).Count;
        var second = await new PagerHarness(api).ReadAllAsync(manifest, first.Cursor);
        var third = await new PagerHarness(api).ReadAllAsync(manifest, second.Cursor);

        Assert.Equal(["7", "251"], second.Ids);
        Assert.Equal(max, api.Requests(key)[requestsBefore].Query("since"));
        Assert.Empty(third.Ids);
        Assert.Equal(second.CursorText, third.CursorText);
    }

    [Fact]
    public async Task NextPageAsync_MidReadIncrementalCursor_KeepsSinceAndMaxSeen()
    {
        var key = FakeApiFixture.NewKey();
        var manifest = ManifestFor("offset", key, new HttpIncremental("updated_at", "since"));
        using var pager = new PagerHarness(api).Open(manifest, """{"v":1,"since":"2024-05-01T12:00:00Z"}"""u8.ToArray());
        var read = await PagerHarness.ReadAsync(pager, maxPages: 1);

        using var cursor = JsonDocument.Parse(read.Cursor);
        Assert.Equal("2024-05-01T12:00:00Z", cursor.RootElement.GetProperty("since").GetString());
        Assert.Equal("2024-05-01T12:25:00Z", cursor.RootElement.GetProperty("max").GetString());
        Assert.Equal(25, cursor.RootElement.GetProperty("position").GetInt64());
        Assert.Equal(PagesRead.Range(121, 145), read.Ids);
    }

    [Fact]
    public async Task NextPageAsync_RecordsPathNotAnArray_ThrowsPermanentNamingPath()
    {
        var url = $"{api.BaseUrl}/wrapped/{FakeApiFixture.NewKey()}";
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(PagerHarness.Manifest(url, "data.items")));

        Assert.Equal(ConnectorErrorKind.Permanent, e.Kind);
        Assert.Contains("tickets: GET " + url, e.Message, StringComparison.Ordinal);
        Assert.Contains("'data.items'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_NextLinkPointsToItself_ThrowsPaginationLoop()
    {
        var url = $"{api.BaseUrl}/loop/{FakeApiFixture.NewKey()}";
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(PagerHarness.Manifest(url, pagination: new(HttpPaginationKind.Link))));

        Assert.Equal(ConnectorErrorKind.Permanent, e.Kind);
        Assert.Contains("pagination loop", e.Message, StringComparison.Ordinal);
        Assert.Contains(url, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_MorePagesThanMaxPages_ThrowsPermanent()
    {
        var url = $"{api.BaseUrl}/endless/{FakeApiFixture.NewKey()}";
        var manifest = PagerHarness.Manifest(url, pagination: new(HttpPaginationKind.Link), limits: new HttpLimits(MaxPages: 5));
        var e = await Assert.ThrowsAsync<ConnectorException>(() => new PagerHarness(api).ReadAllAsync(manifest));

        Assert.Equal(ConnectorErrorKind.Permanent, e.Kind);
        Assert.Contains("max_pages (5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_GzipBodyWithOrWithoutHandlerDecompression_Decodes()
    {
        var manifest = PagerHarness.Manifest($"{api.BaseUrl}/gzip/{FakeApiFixture.NewKey()}");

        var decompressing = await new PagerHarness(api).ReadAllAsync(manifest);
        var plain = await new PagerHarness(api, handler: api.PlainHandler).ReadAllAsync(manifest);

        Assert.Equal(FakeApiFixture.TicketCount, decompressing.Ids.Count);
        Assert.Equal(decompressing.Ids, plain.Ids);
    }

    [Fact]
    public async Task NextPageAsync_AnyRequest_SendsAcceptEncodingAndUserAgent()
    {
        var key = FakeApiFixture.NewKey();
        await new PagerHarness(api).ReadAllAsync(PagerHarness.Manifest($"{api.BaseUrl}/api/none/{key}/array"));

        var request = Assert.Single(api.Requests(key));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Contains("gzip", request.Header("Accept-Encoding"), StringComparison.Ordinal);
        Assert.Equal("hakiri/0.1", request.Header("User-Agent"));
    }

    [Fact]
    public async Task NextPageAsync_NonAsciiNestedRecords_KeepsValues()
    {
        var key = FakeApiFixture.NewKey();
        using var pager = new PagerHarness(api).Open(PagerHarness.Manifest($"{api.BaseUrl}/api/none/{key}/array"));
        using var page = await pager.NextPageAsync();

        var third = page!.Records[2];
        Assert.Equal("Ticket 3: café naïve 東京 ✓", third.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("customer").GetProperty("tier").ValueKind);
        Assert.Equal(2, third.GetProperty("tags").GetArrayLength());
    }
}
