using System.Text.Json.Nodes;
using Apache.Arrow;
using Hakiri.Connectors.Cassettes;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>
/// The hostile guest's quick attacks and the template's replay of its own cassette, through jco's canonical ABI. The
/// attacks that need a real sandbox (loop, memory-bomb, alloc-2gib, log-flood volume) are the host runtime's tests.
/// </summary>
[Collection(CGuestsCollection.Name)]
public sealed class HostileAndTemplateGuestTests(CGuestsFixture guests)
{
    [Fact]
    public async Task Hostile_Trap_Traps()
    {
        var run = await RunHostileAsync("trap");
        Assert.StartsWith("trap: ", JcoRun.Error(run.End), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_BadArrow_ReturnsBatchThatIsNotArrow()
    {
        var run = await RunHostileAsync("bad-arrow");
        var batch = run.Batches[0];
        Assert.Equal("hostile", (string?)batch!["locator"]);
        Assert.Equal("not arrow", await File.ReadAllTextAsync(Path.Combine(run.Directory, (string)batch["arrow"]!)));
    }

    [Fact]
    public async Task Hostile_BadPointer_FailsWhenTheLocatorIsLifted()
    {
        var run = await RunHostileAsync("bad-pointer");
        Assert.Empty(run.Batches);
        Assert.StartsWith("trap: ", JcoRun.Error(run.End), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_EnvWithoutGrant_ReportsNone()
    {
        var run = await RunHostileAsync("env");
        Assert.Equal("permanent: SECRET_TOKEN=none", JcoRun.Error(run.End));
    }

    [Fact]
    public async Task Hostile_UnlistedHost_ReportsTheHostsRefusal()
    {
        var run = await RunHostileAsync("unlisted-host", url: "http://example.org/steal");
        Assert.Equal("permanent: refused: no response scripted for http://example.org/steal", JcoRun.Error(run.End));
        Assert.Equal("http://example.org/steal", (string?)Assert.Single(run.Requests)!["url"]);
    }

    [Fact]
    public async Task Hostile_LogFlood_LogsEveryLineThenEnds()
    {
        var run = await RunHostileAsync("log-flood");
        Assert.Equal(true, (bool?)run.End?["done"]);
        Assert.Equal(10_000, run.Logs.Count());
        Assert.All(run.Logs, line => Assert.Equal($"info: {new string('x', 64)}... ({64 * 1024} chars)", line));
    }

    [Fact]
    public async Task Template_ReplayingItsCassette_ReadsBothPages()
    {
        var cassette = Cassette.Load(Path.Combine(guests.TemplateCopy, "fixtures", "cassette.json"));
        var responses = new JsonObject();
        foreach (var interaction in cassette.Interactions)
        {
            var headers = new JsonArray([.. (interaction.Response.Headers ?? new Dictionary<string, string>()).Select(h => (JsonNode)new JsonArray(h.Key, h.Value))]);
            responses[interaction.Request.Url] = new JsonObject { ["status"] = interaction.Response.Status, ["headers"] = headers, ["body"] = interaction.Response.Body };
        }

        var run = await JcoRun.StartAsync(guests.Template.WasmPath!, new JsonObject
        {
            ["config"] = new JsonObject { ["base_url"] = "https://api.example.com" },
            ["table"] = "items",
            ["responses"] = responses,
        }, guests.Scratch($"template-{Guid.NewGuid():N}"));

        Assert.Equal(true, (bool?)run.End?["done"]);
        Assert.Equal(cassette.Interactions.Select(i => i.Request.Url), run.Requests.Select(r => (string?)r!["url"]));
        Assert.Equal(["items after start: 2 rows", "items after 2: 1 rows"], run.Logs.Select(l => l["info: ".Length..]));
        var names = new List<string?>();
        for (var i = 0; i < run.Batches.Count; i++)
        {
            var batch = await run.ReadBatchAsync(i);
            names.AddRange(Enumerable.Range(0, batch.Length).Select(row => ((StringArray)batch.Column(1)).GetString(row)));
        }

        Assert.Equal(["Zoë Ångström", "Björk", "日本語"], names);
    }

    private Task<JcoRun> RunHostileAsync(string attack, string? url = null)
    {
        var config = new JsonObject { ["attack"] = attack };
        if (url is not null)
        {
            config["url"] = url;
        }

        return JcoRun.StartAsync(guests.Hostile.WasmPath!, new JsonObject { ["config"] = config, ["table"] = "hostile" },
            guests.Scratch($"hostile-{attack}-{Guid.NewGuid():N}"));
    }
}
