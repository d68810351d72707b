using System.Collections.Concurrent;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Testing.Http;
using Hakiri.Wasm.Tests.Guests.C;
using Hakiri.Wasm.Tests.Guests.Rust;

namespace Hakiri.Wasm.Tests.Integration;

/// <summary>
/// The honest items guests, C and Rust, through the real host against a live <see cref="ItemsApi"/>: discover, every
/// page and value, cursors, resuming, the bearer token only when its variable is granted, and error statuses.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HonestGuestHostTests(CGuestsFixture c, RustGuestFixture rust) : IAsyncLifetime
{
    private ItemsApi _api = null!;

    public static TheoryData<string> Languages => ["c", "rust"];

    public async Task InitializeAsync() => _api = await ItemsApi.StartAsync(250);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task DiscoverAsync_ItemsGuest_DeclaresTheTableAndItsKey(string language)
    {
        using var connector = Create(language);

        var table = Assert.Single(await connector.DiscoverAsync());

        Assert.Equal("items", table.Name);
        Assert.Equal(["id"], table.PrimaryKey);
        Assert.Equal(["id", "name", "score", "active", "note"], table.Columns.Select(c => c.Name));
        Assert.Equal(
            [ColumnType.Int64, ColumnType.Utf8, ColumnType.Float64, ColumnType.Boolean, ColumnType.Utf8],
            table.Columns.Select(c => c.Type));
        Assert.Equal([false, true, true, true, true], table.Columns.Select(c => c.Nullable));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ReadAsync_ThreePages_EveryValueLocatorCursorAndLogLine(string language)
    {
        var log = new ConcurrentQueue<string>();
        using var connector = Create(language, log: log);

        var batches = await HostConnectors.ReadItemsAsync(connector);

        var url = $"{_api.BaseUrl}/items?limit=100";
        Assert.Equal([url, url + "&after=100", url + "&after=200"], batches.Select(b => b.Locator));
        Assert.Equal(["100", "200", "250"], batches.Select(b => b.Cursor));
        Assert.Equal([true, true, false], batches.Select(b => b.HasMore));
        Assert.Equal(Enumerable.Range(1, 250).Select(i => (long)i), batches.SelectMany(b => b.Ids));
        Assert.Equal(3, _api.Requests);
        var prefix = $"connector '{NameOf(language)}' info: items after";
        Assert.Equal([$"{prefix} start: 100 rows", $"{prefix} 100: 100 rows", $"{prefix} 200: 50 rows"], log);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ReadAsync_FromACursor_ReadsOnlyLaterIds(string language)
    {
        using var connector = Create(language);

        var batch = Assert.Single(await HostConnectors.ReadItemsAsync(connector, cursor: "200"));

        Assert.Equal($"{_api.BaseUrl}/items?limit=100&after=200", batch.Locator);
        Assert.Equal("250", batch.Cursor);
        Assert.Equal(Enumerable.Range(201, 50).Select(i => (long)i), batch.Ids);
        Assert.Equal(1, _api.Requests);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ReadAsync_TokenVariableGranted_SendsTheBearerToken(string language)
    {
        _api.Token = "s3cret-token";
        var log = new ConcurrentQueue<string>();
        using var connector = Create(language, HostConnectors.Loopback("ITEMS_TOKEN"), log, ("token_env", "ITEMS_TOKEN"));

        var batches = await HostConnectors.ReadItemsAsync(connector);

        Assert.Equal(250, batches.Sum(b => b.Ids.Count));
        Assert.Equal(3, log.Count);
        Assert.DoesNotContain(log, line => line.Contains("s3cret", StringComparison.Ordinal));
        Assert.DoesNotContain(batches, b => b.Locator.Contains("s3cret", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task OpenAsync_TokenVariableNotGranted_IsPermanentNamingTheVariable(string language)
    {
        _api.Token = "s3cret-token";
        using var connector = Create(language, HostConnectors.Loopback(), config: ("token_env", "ITEMS_TOKEN"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.OpenAsync("items", null).AsTask());

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Null(error.Limit);
        Assert.Equal(
            $"connector {NameOf(language)} failed in open of table items: environment variable ITEMS_TOKEN (config key token_env) is not set or not granted; set it and grant env:ITEMS_TOKEN",
            error.Message);
        Assert.Equal(0, _api.Requests);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task NextAsync_ServiceUnavailable_IsTransient(string language)
    {
        _api.FailNext(1);
        using var connector = Create(language);
        await using var reader = await connector.OpenAsync("items", null);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Null(error.Limit);
        Assert.Equal($"connector {NameOf(language)} failed in next of table items: GET {_api.BaseUrl}/items?limit=100 returned 503", error.Message);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task NextAsync_Unauthorized_IsAuthExpired(string language)
    {
        _api.Token = "s3cret-token";
        using var connector = Create(language);
        await using var reader = await connector.OpenAsync("items", null);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.AuthExpired, error.Kind);
        Assert.Equal($"connector {NameOf(language)} failed in next of table items: GET {_api.BaseUrl}/items?limit=100 returned 401", error.Message);
    }

    private static string NameOf(string language) => language == "c" ? "items" : "items-rust";

    /// <summary>The language's items guest over the API; ITEMS_TOKEN is always set, granted only when asked for.</summary>
    private WasmSourceConnector Create(
        string language, ConnectorCapabilities? asked = null, ConcurrentQueue<string>? log = null, params (string, string)[] config) =>
        HostConnectors.Create(
            NameOf(language),
            language == "c" ? c.Items.WasmPath! : rust.ItemsWasm,
            HostConnectors.ItemsConfig(_api, config),
            asked ?? HostConnectors.Loopback(),
            environment: new Dictionary<string, string> { ["ITEMS_TOKEN"] = "s3cret-token" },
            log: log);
}
