using System.Text.Json.Nodes;
using Apache.Arrow;
using Hakiri.Testing;
using static Hakiri.Wasm.Tests.Guests.JcoSourceRun;

namespace Hakiri.Wasm.Tests.Guests.Rust;

/// <summary>The items contract (shared with the C twin) checked on the Rust guest, driven through jco.</summary>
[Collection(RustGuestCollection.Name)]
public sealed class RustItemsGuestTests(RustGuestFixture fixture)
{
    private const string BaseUrl = "http://127.0.0.1:9";

    [Fact]
    public async Task Discover_BaseUrlSet_ItemsTableWithFiveColumns()
    {
        var run = await RunAsync(fixture.ItemsWasm, Scenario());

        var table = run["discover"]!["ok"]![0]!;
        Assert.Equal("items", (string?)table["name"]);
        Assert.Equal($"Items from {BaseUrl}", (string?)table["description"]);
        Assert.Equal(
            ["id int64 false", "name utf8 true", "score float64 true", "active boolean true", "note utf8 true"],
            table["columns"]!.AsArray().Select(c => $"{c!["name"]} {c["type"]!["tag"]} {c["nullable"]}"));
        Assert.Equal(["id"], table["primaryKey"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Read_TwoPages_OneBatchPerPageThenNone()
    {
        var scenario = Scenario(pageSize: 2);
        scenario["config"]!["token_env"] = "ITEMS_TOKEN";
        scenario["env"] = new JsonObject { ["ITEMS_TOKEN"] = "s3cret" };
        scenario["responses"] = new JsonObject
        {
            [$"{BaseUrl}/items?limit=2"] = Ok("""
                {"items":[{"id":1,"name":"Zoë Ångström","score":4.5,"active":true,"note":null},{"id":2,"name":"B\u00f8b \ud83d\ude00","active":false}],"has_more":true}
                """),
            [$"{BaseUrl}/items?limit=2&after=2"] = Ok("""{"items":[{"id":3,"name":null,"score":7,"active":null,"note":"n"}],"has_more":false}"""),
        };

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        Assert.Null(run["error"]);
        Assert.True((bool?)run["end"]);
        var batches = run["batches"]!.AsArray();
        Assert.Equal([$"{BaseUrl}/items?limit=2", $"{BaseUrl}/items?limit=2&after=2"], batches.Select(b => (string?)b!["locator"]));
        Assert.Equal(["2", "3"], batches.Select(b => (string?)b!["cursor"]));
        Assert.Equal([true, false], batches.Select(b => (bool)b!["hasMore"]!));
        Assert.All(run["requests"]!.AsArray(), r => Assert.Contains("""["Authorization","Bearer s3cret"]""", r!["headers"]!.ToJsonString()));
        Assert.Equal(["info items after start: 2 rows", "info items after 2: 1 rows"], run["logs"]!.AsArray().Select(l => $"{l!["level"]} {l["message"]}"));

        var first = await ReadArrowAsync(batches[0]!);
        Assert.Equal(["id", "name", "score", "active", "note"], first.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal([1L, 2L], Values((Int64Array)first.Column("id"), (a, i) => a.GetValue(i)));
        Assert.Equal(["Zoë Ångström", "Bøb 😀"], Values((StringArray)first.Column("name"), (a, i) => a.GetString(i)));
        Assert.Equal([4.5, null], Values((DoubleArray)first.Column("score"), (a, i) => a.GetValue(i)));
        Assert.Equal([true, false], Values((BooleanArray)first.Column("active"), (a, i) => a.GetValue(i)));
        Assert.Equal([null, null], Values((StringArray)first.Column("note"), (a, i) => (string?)a.GetString(i)));
        var second = await ReadArrowAsync(batches[1]!);
        Assert.Equal([3L], Values((Int64Array)second.Column("id"), (a, i) => a.GetValue(i)));
        Assert.Equal([null], Values((StringArray)second.Column("name"), (a, i) => (string?)a.GetString(i)));
        Assert.Equal([7.0], Values((DoubleArray)second.Column("score"), (a, i) => a.GetValue(i)));
        Assert.Equal([null], Values((BooleanArray)second.Column("active"), (a, i) => a.GetValue(i)));
        Assert.Equal(["n"], Values((StringArray)second.Column("note"), (a, i) => a.GetString(i)));
    }

    [Fact]
    public async Task Open_WithCursor_StartsAfterItAndKeepsItOnAnEmptyPage()
    {
        var scenario = Scenario();
        scenario["cursor"] = "41";
        scenario["responses"] = new JsonObject { [$"{BaseUrl}/items?limit=100&after=41"] = Ok("""{"items":[],"has_more":false}""") };

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        var batch = Assert.Single(run["batches"]!.AsArray())!;
        Assert.Equal("41", (string?)batch["cursor"]);
        Assert.False((bool)batch["hasMore"]!);
        Assert.Equal(0, (await ReadArrowAsync(batch)).Length);
        Assert.Equal("items after 41: 0 rows", (string?)run["logs"]![0]!["message"]);
    }

    [Fact]
    public async Task Discover_NoBaseUrl_PermanentError()
    {
        var scenario = Scenario();
        scenario["config"] = new JsonObject();

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        AssertError(run["discover"]!, "permanent", "config key base_url is missing");
        AssertError(run["open"]!, "permanent", "config key base_url is missing");
    }

    [Fact]
    public async Task Open_OtherTable_PermanentError()
    {
        var scenario = Scenario();
        scenario["table"] = "orders";

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        Assert.Equal("permanent", (string?)run["open"]!["error"]!["tag"]);
        Assert.Contains("orders", (string?)run["open"]!["error"]!["val"]);
    }

    [Fact]
    public async Task Open_TokenEnvNotGranted_PermanentErrorNamesTheVariable()
    {
        var scenario = Scenario();
        scenario["config"]!["token_env"] = "ITEMS_TOKEN";

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        Assert.Equal("permanent", (string?)run["open"]!["error"]!["tag"]);
        Assert.Contains("ITEMS_TOKEN", (string?)run["open"]!["error"]!["val"]);
    }

    [Theory]
    [InlineData(429, "3", "rate-limited", "3000")]
    [InlineData(429, null, "rate-limited", "1000")]
    [InlineData(401, null, "auth-expired", "returned 401")]
    [InlineData(403, null, "auth-expired", "returned 403")]
    [InlineData(503, null, "transient", "returned 503")]
    [InlineData(404, null, "permanent", "returned 404")]
    public async Task Next_ErrorStatus_MapsToConnectorError(int status, string? retryAfter, string tag, string value)
    {
        var scenario = Scenario();
        scenario["responses"] = new JsonObject
        {
            [$"{BaseUrl}/items?limit=100"] = retryAfter is null ? Status(status) : Status(status, ("Retry-After", retryAfter)),
        };

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        Assert.Equal(tag, (string?)run["error"]!["tag"]);
        Assert.Contains(value, run["error"]!["val"]!.ToJsonString());
    }

    [Fact]
    public async Task Next_HostRefusesTheRequest_ReturnsTheHostsError()
    {
        var run = await RunAsync(fixture.ItemsWasm, Scenario());

        AssertError(run, "permanent", $"no scripted response for GET {BaseUrl}/items?limit=100");
    }

    [Fact]
    public async Task Next_WrongJsonType_SchemaIncompatible()
    {
        var scenario = Scenario();
        scenario["responses"] = new JsonObject { [$"{BaseUrl}/items?limit=100"] = Ok("""{"items":[{"id":1,"score":"high"}],"has_more":false}""") };

        var run = await RunAsync(fixture.ItemsWasm, scenario);

        AssertError(run, "schema-incompatible", "items[0].score is a string, not a number");
    }

    [Fact]
    public async Task Template_ReplaysItsCassette_TwoBatches()
    {
        var scenario = new JsonObject
        {
            ["config"] = new JsonObject { ["base_url"] = "https://api.example.com" },
            ["cassette"] = Path.Combine(fixture.TemplateDirectory, "fixtures", "cassette.json"),
        };

        var run = await RunAsync(fixture.TemplateWasm, scenario);

        Assert.True((bool?)run["end"], run.ToJsonString());
        var batches = run["batches"]!.AsArray();
        Assert.Equal(["2", "3"], batches.Select(b => (string?)b!["cursor"]));
        Assert.Equal(3, (await ReadArrowAsync(batches[0]!)).Length + (await ReadArrowAsync(batches[1]!)).Length);
        Assert.StartsWith("items after start", (string?)run["logs"]![0]!["message"]);
    }

    private static JsonObject Scenario(int? pageSize = null)
    {
        var config = new JsonObject { ["base_url"] = BaseUrl };
        if (pageSize is { } size)
        {
            config["page_size"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new JsonObject { ["config"] = config, ["responses"] = new JsonObject() };
    }

    private static void AssertError(JsonNode attempt, string tag, string message)
    {
        Assert.Equal(tag, (string?)attempt["error"]?["tag"]);
        Assert.Equal(message, (string?)attempt["error"]!["val"]);
    }

    private static List<T> Values<TArray, T>(TArray array, Func<TArray, int, T> value)
        where TArray : IArrowArray => [.. Enumerable.Range(0, array.Length).Select(i => value(array, i))];
}
