using System.Globalization;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>
/// An http pipeline against a real API on 127.0.0.1, run by the hakiri binary: every record lands once, re-runs fetch
/// only what changed, the cursor is committed, secrets stay out of the store, and the Lambda bootstrap lands the same
/// rows as the in-process steps.
/// </summary>
public sealed class HttpPipelineTests
{
    internal const string Token = "s3cr3t-token-value";

    internal static string Manifest(string baseUrl, int perPage) => "[project]\nname = \"tickets\"\n" + Pipeline("tickets", baseUrl, perPage, primaryKey: true);

    // An http pipeline over the tickets API: Link pages, bearer token from TICKETS_TOKEN, incremental on updated_at.
    internal static string Pipeline(string name, string baseUrl, int perPage, bool primaryKey, string? table = null) => $$"""

        [pipelines.{{name}}]
        description = "Support tickets"
        {{(table is null ? string.Empty : $"table = \"{table}\"")}}
        {{(primaryKey ? "primary_key = [\"id\"]" : string.Empty)}}

        [pipelines.{{name}}.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/tickets"
        records = "data"
        params = { per_page = "{{perPage}}" }
        auth = { kind = "bearer", env = "TICKETS_TOKEN" }
        pagination = { kind = "link" }
        incremental = { field = "updated_at", param = "updated_after" }

        """;

    internal static Dictionary<string, string> Environment => new(StringComparer.Ordinal) { ["TICKETS_TOKEN"] = Token };

    [Fact]
    public async Task Run_LinkPagedApi_LandsEveryRecordOnceAndReRunsFetchOnlyChanges()
    {
        await using var api = await TicketsApi.StartAsync(950);
        api.Token = Token;
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(api.BaseUrl, perPage: 100));

        var first = await HakiriProcess.RunWithEnvironmentAsync(Environment, "run", "-m", manifest);
        var afterFirst = api.Requests;
        api.Touch(7, 8);
        api.Add(5);
        var second = await HakiriProcess.RunWithEnvironmentAsync(Environment, "run", "-m", manifest);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(10, afterFirst);
        Assert.Equal(1, api.Requests - afterFirst);
        var rows = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n, count(DISTINCT id) AS k, max(updated_at) AS m FROM '{dir.Combine(".hakiri", "data")}/tickets/**/*.parquet'");
        Assert.Equal("955", rows[0].GetProperty("n").ToString());
        Assert.Equal("955", rows[0].GetProperty("k").ToString());
        var cursor = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT cursor FROM cursors WHERE table_name = 'tickets'");
        Assert.Contains(api.MaxUpdatedAt(), Assert.Single(cursor), StringComparison.Ordinal);
        var nested = await HakiriProcess.RunAsync("query", "-m", manifest, "-f", "csv",
            "SELECT title, assignee->>'login' AS login, json_array_length(labels) AS labels FROM tickets WHERE id = 7");
        Assert.Contains("Ticket 7: café crème — 東京 order #7,agent-7,1", nested.Stdout, StringComparison.Ordinal);
        AssertNoSecret(dir.Path, first, second);
    }

    [Fact]
    public async Task Run_ViaLambdaBootstrap_LandsTheSameRowsAsInProcess()
    {
        await using var api = await TicketsApi.StartAsync(420);
        api.Token = Token;
        using var inProcess = new TempDirectory();
        using var viaLambda = new TempDirectory();
        var manifests = new[] { inProcess.Write("hakiri.toml", Manifest(api.BaseUrl, 50)), viaLambda.Write("hakiri.toml", Manifest(api.BaseUrl, 50)) };

        var runs = new[]
        {
            await HakiriProcess.RunWithEnvironmentAsync(Environment, "run", "-m", manifests[0]),
            await HakiriProcess.RunWithEnvironmentAsync(Environment, "run", "-m", manifests[1], "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path()),
        };

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var hashes = new List<string>();
        foreach (var manifest in manifests)
        {
            var result = await HakiriProcess.RunAsync("query", "-m", manifest, "-f", "csv",
                "SELECT count(*) || ':' || md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY id)) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM tickets) AS t");
            Assert.True(result.ExitCode == 0, result.ToString());
            hashes.Add(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
        }

        Assert.StartsWith("420:", hashes[0], StringComparison.Ordinal);
        Assert.Equal(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task Run_WrongToken_FailsWithAuthSentenceNamingTheVariableAndLeavesTheStoreEmpty()
    {
        await using var api = await TicketsApi.StartAsync(10);
        api.Token = "another-token";
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(api.BaseUrl, 5));

        var run = await HakiriProcess.RunWithEnvironmentAsync(Environment, "run", "-m", manifest);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TICKETS_TOKEN", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("401", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine(".hakiri", "data")) && Directory.EnumerateFiles(dir.Combine(".hakiri", "data"), "*", SearchOption.AllDirectories).Any());
        AssertNoSecret(dir.Path, run);
    }

    internal static void AssertNoSecret(string directory, params ProcessResult[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(Token, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Token)) < 0, $"{file} holds the secret");
        }
    }

    internal static string Count(ProcessResult result) =>
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].ToString(CultureInfo.InvariantCulture);
}
