using System.Text.Json.Nodes;
using Apache.Arrow;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>The honest C guest's contract, run through jco's canonical ABI with a scripted host.</summary>
[Collection(CGuestsCollection.Name)]
public sealed class ItemsGuestTests(CGuestsFixture guests)
{
    private const string Base = "http://127.0.0.1:9";

    private static readonly string Page1 =
        """{"items":[{"id":1,"name":"Zoë Ångström","score":4.5,"active":true,"note":null},{"id":2,"name":"caf\u00e9 \ud83d\ude00","score":3,"active":false}],"has_more":true}""";

    private static readonly string Page2 = """{"items":[{"id":3,"name":null,"score":null,"active":null,"note":"a \"quoted\"\nline"}],"has_more":false}""";

    [Fact]
    public async Task Read_TwoPagesWithToken_BatchesCursorsLogsAndArrowValues()
    {
        var run = await RunAsync(Scenario(
            new() { ["page_size"] = "2", ["token_env"] = "ITEMS_TOKEN" },
            new() { [$"{Base}/items?limit=2"] = Ok(Page1), [$"{Base}/items?limit=2&after=2"] = Ok(Page2) },
            env: new JsonObject { ["ITEMS_TOKEN"] = "s3cret" }));

        var table = run.Discover!["ok"]![0]!;
        Assert.Equal("items", (string?)table["name"]);
        Assert.Equal($"Items from {Base}/", (string?)table["description"]);
        Assert.Equal(["id", "name", "score", "active", "note"], table["columns"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(["int64", "utf8", "float64", "boolean", "utf8"], table["columns"]!.AsArray().Select(c => (string?)c!["type"]!["tag"]));
        Assert.Equal([false, true, true, true, true], table["columns"]!.AsArray().Select(c => (bool)c!["nullable"]!));
        Assert.Equal(["id"], table["primaryKey"]!.AsArray().Select(k => (string?)k));

        Assert.Equal(true, (bool?)run.End?["done"]);
        Assert.Equal([$"{Base}/items?limit=2", $"{Base}/items?limit=2&after=2"], run.Batches.Select(b => (string?)b!["locator"]));
        Assert.Equal(["2", "3"], run.Batches.Select(b => (string?)b!["cursor"]));
        Assert.Equal([true, false], run.Batches.Select(b => (bool)b!["hasMore"]!));
        Assert.Equal(["info: items after start: 2 rows", "info: items after 2: 1 rows"], run.Logs);
        Assert.All(run.Requests, r => Assert.Contains(
            r!["headers"]!.AsArray(), h => (string?)h![0] == "Authorization" && (string?)h[1] == "Bearer s3cret"));

        var first = await run.ReadBatchAsync(0);
        Assert.Equal(["id", "name", "score", "active", "note"], first.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal([1L, 2L], Enumerable.Range(0, 2).Select(i => ((Int64Array)first.Column(0)).GetValue(i)!.Value));
        Assert.Equal("Zoë Ångström", ((StringArray)first.Column(1)).GetString(0));
        Assert.Equal("café 😀", ((StringArray)first.Column(1)).GetString(1));
        Assert.Equal([4.5, 3.0], Enumerable.Range(0, 2).Select(i => ((DoubleArray)first.Column(2)).GetValue(i)!.Value));
        Assert.Equal([true, false], Enumerable.Range(0, 2).Select(i => ((BooleanArray)first.Column(3)).GetValue(i)!.Value));
        Assert.Equal(2, first.Column(4).NullCount);

        var second = await run.ReadBatchAsync(1);
        Assert.Equal(3L, ((Int64Array)second.Column(0)).GetValue(0));
        Assert.Equal([0, 1, 1, 1, 0], Enumerable.Range(0, 5).Select(i => second.Column(i).NullCount));
        Assert.Equal("a \"quoted\"\nline", ((StringArray)second.Column(4)).GetString(0));
    }

    [Fact]
    public async Task Open_WithCursor_StartsAfterItAndKeepsItOnAnEmptyPage()
    {
        var run = await RunAsync(Scenario([], new() { [$"{Base}/items?limit=100&after=41"] = Ok("""{"items":[],"has_more":false}""") }, cursor: "41"));

        Assert.Equal("41", (string?)Assert.Single(run.Batches)!["cursor"]);
        Assert.Equal(["info: items after 41: 0 rows"], run.Logs);
        Assert.DoesNotContain(run.Requests[0]!["headers"]!.AsArray(), h => (string?)h![0] == "Authorization");
        Assert.Equal(0, (await run.ReadBatchAsync(0)).Length);
    }

    [Theory]
    [InlineData(429, "7", "rate-limited: 7000")]
    [InlineData(429, " 120 ", "rate-limited: 120000")]
    [InlineData(429, "Wed, 21 Oct 2026 07:28:00 GMT", "rate-limited: 1000")]
    [InlineData(429, null, "rate-limited: 1000")]
    [InlineData(401, null, "auth-expired: GET http://127.0.0.1:9/items?limit=100 returned 401")]
    [InlineData(403, null, "auth-expired: GET http://127.0.0.1:9/items?limit=100 returned 403")]
    [InlineData(503, null, "transient: GET http://127.0.0.1:9/items?limit=100 returned 503")]
    [InlineData(404, null, "permanent: GET http://127.0.0.1:9/items?limit=100 returned 404")]
    public async Task Next_ErrorStatus_MapsToConnectorError(int status, string? retryAfter, string expected)
    {
        var response = new JsonObject { ["status"] = status, ["body"] = "{}" };
        if (retryAfter is not null)
        {
            response["headers"] = new JsonArray(new JsonArray("Retry-After", retryAfter));
        }

        var run = await RunAsync(Scenario([], new() { [$"{Base}/items?limit=100"] = response }));
        Assert.Equal(expected, JcoRun.Error(run.End));
    }

    [Fact]
    public async Task Next_InvalidJson_IsPermanentNamingTheUrl()
    {
        var run = await RunAsync(Scenario([], new() { [$"{Base}/items?limit=100"] = Ok("""{"items":[1,""") }));
        Assert.StartsWith($"permanent: GET {Base}/items?limit=100 returned invalid JSON: ", JcoRun.Error(run.End), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_WrongValueType_IsSchemaIncompatible()
    {
        var run = await RunAsync(Scenario([], new() { [$"{Base}/items?limit=100"] = Ok("""{"items":[{"id":1,"score":"high"}],"has_more":false}""") }));
        Assert.Equal("schema-incompatible: items[0].score is not a number", JcoRun.Error(run.End));
    }

    [Fact]
    public async Task Discover_WithoutBaseUrl_IsPermanent()
    {
        var scenario = Scenario([], []);
        scenario["config"]!.AsObject().Remove("base_url");
        var run = await RunAsync(scenario);
        Assert.Equal("permanent: config key base_url is missing", JcoRun.Error(run.Discover));
        Assert.Equal("permanent: config key base_url is missing", JcoRun.Error(run.Open));
    }

    [Fact]
    public async Task Open_UnknownTable_IsPermanent()
    {
        var scenario = Scenario([], []);
        scenario["table"] = "orders";
        var run = await RunAsync(scenario);
        Assert.Equal("permanent: table orders does not exist; this connector reads only items", JcoRun.Error(run.Open));
    }

    [Fact]
    public async Task Open_TokenEnvUnset_IsPermanentNamingTheVariable()
    {
        var run = await RunAsync(Scenario(new() { ["token_env"] = "ITEMS_TOKEN" }, []));
        Assert.Equal(
            "permanent: environment variable ITEMS_TOKEN (config key token_env) is not set or not granted; set it and grant env:ITEMS_TOKEN",
            JcoRun.Error(run.Open));
    }

    private static JsonObject Ok(string body) => new() { ["status"] = 200, ["body"] = body };

    private static JsonObject Scenario(
        Dictionary<string, string> config, Dictionary<string, JsonObject> responses, string? cursor = null, JsonObject? env = null)
    {
        var configObject = new JsonObject { ["base_url"] = Base + "/" };
        foreach (var (key, value) in config)
        {
            configObject[key] = value;
        }

        var responseObject = new JsonObject();
        foreach (var (url, response) in responses)
        {
            responseObject[url] = response;
        }

        return new JsonObject
        {
            ["config"] = configObject,
            ["env"] = env ?? new JsonObject(),
            ["table"] = "items",
            ["cursor"] = cursor,
            ["responses"] = responseObject,
        };
    }

    private Task<JcoRun> RunAsync(JsonObject scenario) =>
        JcoRun.StartAsync(guests.Items.WasmPath!, scenario, guests.Scratch($"items-run-{Guid.NewGuid():N}"));
}
