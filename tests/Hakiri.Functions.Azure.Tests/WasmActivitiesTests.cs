using System.Text.Json;
using Hakiri.Functions.Azure.Functions;
using Hakiri.Functions.Azure.Hosting;
using Hakiri.Orchestration.Durable;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Functions.Azure.Tests;

/// <summary>
/// A WebAssembly connector in the function app (ADR 0032): the C template guest, built by <c>hakiri connector build</c>
/// as a user builds it, runs in the discover and pull-batch activities against an API on 127.0.0.1, and write commits
/// its rows.
/// </summary>
public sealed class WasmActivitiesTests
{
    private const string RunId = "20260101T000000Z-abcdef";

    [Fact]
    public async Task Activities_CGuest_DiscoverPullAndWriteItsRows()
    {
        await using var api = await ItemsApi.StartAsync(250);
        using var project = new TempDirectory();
        var connector = TestGuests.Prepare("c", "items", project.Combine("connectors", "items"));
        var build = await ExternalProcess.RunAsync("dotnet", [RepoPaths.Of("functions", "Hakiri.Cli", "bin", "Debug", "net9.0", "hakiri.dll"), "connector", "build", connector], timeout: TimeSpan.FromMinutes(3));
        Assert.True(build.ExitCode == 0, build.ToString());
        project.Write("hakiri.toml", $$"""
            [project]
            name = "staff"

            [connectors.items]
            path = "connectors/items"
            grant = ["http:127.0.0.1", "env:ITEMS_TOKEN"]

            [pipelines.items]
            primary_key = ["id"]

            [pipelines.items.source]
            connector = "items"
            base_url = "{{api.BaseUrl}}"
            page_size = 100
            """);
        var activities = new StepActivities(new AppRuntime(AppSettings.FromEnvironment(AppSettingsTests.Env(("HAKIRI_MANIFEST", "hakiri.toml"), ("HAKIRI_STORE", ".hakiri")), project.Path)));

        var discovered = Output(await activities.DiscoverAsync($$"""{"run_id":"{{RunId}}","pipelines":[]}""", CancellationToken.None));
        Assert.Equal("items", discovered.GetProperty("tables")[0].GetProperty("table").GetString());
        var pulled = Output(await activities.PullBatchAsync($$"""{"run_id":"{{RunId}}","pipeline":"items","table":"items","cursor":null}""", CancellationToken.None));
        Assert.Equal(250, pulled.GetProperty("rows").GetInt64());
        Assert.False(pulled.GetProperty("has_more").GetBoolean());
        var written = Output(await activities.WriteAsync($$"""{"run_id":"{{RunId}}","pipeline":"items","table":"items"}""", CancellationToken.None));

        Assert.Equal(250, written.GetProperty("row_count").GetInt64());
        Assert.Equal(3, api.Requests);
    }

    private static JsonElement Output(string envelope)
    {
        var parsed = StepEnvelope.Parse(envelope);
        Assert.True(parsed.Error is null, $"{parsed.Error}: {parsed.Cause}");
        return JsonDocument.Parse(parsed.Output!).RootElement.Clone();
    }
}
