using System.Security.Cryptography;
using System.Text.Json;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests.Wasm;

/// <summary>
/// <c>hakiri run</c> with real guests built by <c>hakiri connector build</c>, against the items API on 127.0.0.1: rows
/// land with their values, the cursor makes the next run incremental, <c>runs show</c> names what ran, and a grant
/// the project does not give keeps the connector from loading.
/// </summary>
[Collection(WasmGuestsCollection.Name)]
public sealed class WasmRunTests(WasmGuestsFixture guests)
{
    internal static string Manifest(string baseUrl, string grants, string pipelineExtra = "") => $$"""
        [project]
        name = "wasm-e2e"

        [connectors.items]
        path = "connectors/items"
        grant = [{{grants}}]

        [pipelines.items]
        primary_key = ["id"]

        [pipelines.items.source]
        connector = "items"
        base_url = "{{baseUrl}}"
        page_size = 100
        {{pipelineExtra}}
        """;

    [Theory]
    [InlineData("c", "items", "\"http:127.0.0.1\", \"env:ITEMS_TOKEN\"")]
    [InlineData("rust", "items-rust", "\"http:127.0.0.1\", \"env:ITEMS_TOKEN\"")]
    public async Task Run_ItemsGuest_LandsRowsThenOnlyNewIdsAndRecordsProvenance(string language, string connectorName, string grants)
    {
        await using var api = await ItemsApi.StartAsync(250);
        using var dir = new TempDirectory();
        var folder = await guests.CopyIntoAsync(dir, language, "items", "items");
        var manifest = dir.Write("hakiri.toml", Manifest(api.BaseUrl, grants));

        var first = await HakiriProcess.RunAsync("run", "-m", manifest);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("discover: 1 connector source(s) to pull", first.Stdout, StringComparison.Ordinal);
        var rows = await HakiriProcess.RunAsync("query", "-m", manifest, "-f", "csv",
            "SELECT count(*) AS n, count(DISTINCT id) AS k, min(id) AS lo, max(id) AS hi FROM items");
        Assert.True(rows.ExitCode == 0, rows.ToString());
        Assert.Equal("250,250,1,250", Line(rows, 1));

        // Names carry non-ASCII text; item 15 has a null score (every fifth) and note (every third); 14 lacks `active`.
        var values = await PlainReaders.DuckDbAsync(
            $"SELECT id, name, score, active, note FROM '{dir.Combine(".hakiri", "data")}/items/**/*.parquet' WHERE id IN (2, 14, 15) ORDER BY id");
        Assert.Equal(3, values.Length);
        Assert.Equal(ItemsApi.NameOf(2), values[0].GetProperty("name").GetString());
        Assert.Equal("Łukasz Żółć #15", values[2].GetProperty("name").GetString());
        Assert.Equal(ItemsApi.NameOf(15), values[2].GetProperty("name").GetString());
        Assert.Equal(0.5, values[0].GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, values[2].GetProperty("score").ValueKind);
        Assert.True(values[0].GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, values[1].GetProperty("active").ValueKind);
        Assert.Equal("note 2: línea\nsecond line", values[0].GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, values[2].GetProperty("note").ValueKind);

        var requestsAfterFirst = api.Requests;
        api.Add(50);
        var second = await HakiriProcess.RunAsync("run", "-m", manifest);
        Assert.True(second.ExitCode == 0, second.ToString());
        // One page from after=250 holds the 50 new items; nothing before them is asked for again.
        Assert.Equal(1, api.Requests - requestsAfterFirst);
        var afterSecond = await HakiriProcess.RunAsync("query", "-m", manifest, "-f", "csv",
            "SELECT count(*), count(DISTINCT id), max(id), count(DISTINCT _hakiri_run_id) FILTER (WHERE id <= 250), count(DISTINCT _hakiri_run_id) FILTER (WHERE id > 250) FROM items");
        Assert.Equal("300,300,300,1,1", Line(afterSecond, 1));
        var cursor = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT cursor FROM cursors WHERE table_name = 'items'");
        Assert.Equal("300", Assert.Single(cursor));

        var runIds = RunIds(dir);
        Assert.Equal(2, runIds.Count);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "items.wasm"))));
        foreach (var runId in runIds)
        {
            var shown = await HakiriProcess.RunAsync("runs", "show", runId, "-m", manifest);
            Assert.True(shown.ExitCode == 0, shown.ToString());
            Assert.Contains(
                $"pipeline items: wasm connector {connectorName}@0.1.0, sha256 {sha}, grants {grants.Replace("\"", "", StringComparison.Ordinal)}",
                shown.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConnectorTest_AfterRecordingAGuestsRun_ReplaysItOfflineThroughTheSandbox()
    {
        using var dir = new TempDirectory();
        await guests.CopyIntoAsync(dir, "c", "items", "items");
        string manifest;
        ProcessResult recorded;
        await using (var api = await ItemsApi.StartAsync(230))
        {
            manifest = dir.Write("hakiri.toml", Manifest(api.BaseUrl, "\"http:127.0.0.1\", \"env:ITEMS_TOKEN\""));
            recorded = await HakiriProcess.RunAsync("run", "--record", "items", "-m", manifest);
        }

        var replayed = await HakiriProcess.RunAsync("connector", "test", "items", "-m", manifest);

        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Contains("recorded 3 HTTP exchange(s) of pipeline 'items'", recorded.Stdout, StringComparison.Ordinal);
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains("table items: 230 row(s) from 3 replayed exchange(s)", replayed.Stdout, StringComparison.Ordinal);
        Assert.Contains("cursor after the replay: 230", replayed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GrantMissing_ExitsTwoNamingTheGrantAndLeavesTheStoreUntouched()
    {
        await using var api = await ItemsApi.StartAsync(20);
        using var dir = new TempDirectory();
        await guests.CopyIntoAsync(dir, "c", "items", "items");
        var manifest = dir.Write("hakiri.toml", Manifest(api.BaseUrl, grants: ""));

        var run = await HakiriProcess.RunAsync("run", "-m", manifest);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(
            $"{manifest}:6:1: error: connector 'items' asks for 2 capabilities that [connectors.items] does not grant: http:127.0.0.1, env:ITEMS_TOKEN " +
            "— add them to the grant: grant = [\"http:127.0.0.1\", \"env:ITEMS_TOKEN\"]",
            run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, api.Requests);
        Assert.False(Directory.Exists(dir.Combine(".hakiri")), "the refused run created a store");
    }

    internal static string Line(ProcessResult result, int index) => result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[index];

    internal static IReadOnlyList<string> RunIds(TempDirectory dir)
    {
        using var catalog = CatalogDatabase.Open(new StoreLayout(dir.Combine(".hakiri")));
        return [.. catalog.ListRuns().Select(r => r.RunId)];
    }
}
