using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Tests.Connectors;

/// <summary>
/// Connector pipelines through the real steps and the emulated state machine: schemas widen across pages, the
/// pull-batch loop splits at its row budget, a failure commits nothing, and the github preset lands issues only.
/// </summary>
public sealed class ConnectorStepsTests
{
    private static string HttpManifest(string baseUrl, string extra = "") => $$"""
        [project]
        name = "api"
        [pipelines.items]
        primary_key = ["id"]
        [pipelines.items.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/items"
        pagination = { kind = "link" }
        {{extra}}
        """;

    [Fact]
    public async Task Run_LaterPageAddsAFieldAndChangesAKind_TableWidensAndKeepsEveryRow()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1, "n": 5, "tags": ["a"]}]""", next: "/items?page=2");
        api.Page("/items?page=2", """[{"id": 2, "n": "five", "extra": true, "tags": null}]""");
        using var project = new TestProject(HttpManifest(api.BaseUrl));

        await project.RunAsync();

        using var catalog = project.Catalog();
        var columns = catalog.GetTable("items")!.Columns.ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal("BIGINT", columns["id"]);
        Assert.Equal("VARCHAR", columns["n"]);
        Assert.Equal("BOOLEAN", columns["extra"]);
        Assert.Equal("JSON", columns["tags"]);
        var rows = project.Query("SELECT id, n, extra, _hakiri_source, _hakiri_record FROM items ORDER BY id");
        Assert.Equal(2, rows.Count);
        Assert.Equal("5", rows[0][1]);
        Assert.Equal(true, rows[1][2]);
        Assert.Equal($"{api.BaseUrl}/items?page=2", rows[1][3]);
        Assert.Equal(1L, rows[1][4]);
    }

    [Fact]
    public async Task Run_RowBudgetSmallerThanTheSource_LoopsPullBatchAndCommitsOnce()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1}, {"id": 2}]""", next: "/items?page=2");
        api.Page("/items?page=2", """[{"id": 3}, {"id": 4}]""", next: "/items?page=3");
        api.Page("/items?page=3", """[{"id": 5}]""");
        using var project = new TestProject(HttpManifest(api.BaseUrl)) { Options = new StepOptions { ConnectorBatchRows = 2 } };

        var summary = await project.RunAsync();

        var table = Assert.Single(summary.Tables);
        Assert.Equal(3, table.FilesRead);
        Assert.Equal(5, table.RowCount);
        Assert.Equal(3, api.Requests.Count);
        using var catalog = project.Catalog();
        Assert.Contains("\"v\":1", catalog.GetCursor("items"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PageFailsMidway_CommitsNothingAndTheNextRunLandsEverything()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1, "updated": 10}]""", next: "/items?page=2");
        api.Fail("/items?page=2", 403);
        using var project = new TestProject(HttpManifest(api.BaseUrl, "incremental = { field = \"updated\", param = \"after\" }"))
        {
            Options = new StepOptions { ConnectorBatchRows = 1 },
        };

        var failed = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());
        api.Page("/items?page=2", """[{"id": 2, "updated": 20}]""");
        await project.RunAsync();

        Assert.Contains("403", failed.Message, StringComparison.Ordinal);
        Assert.Contains($"{api.BaseUrl}/items?page=2", failed.Message, StringComparison.Ordinal);
        using var catalog = project.Catalog();
        Assert.Equal(2, catalog.GetTable("items")!.RowCount);
        Assert.Contains("\"since\":20", catalog.GetCursor("items"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GitHubIssues_LandsIssuesWithoutPullRequestsAndAsksOnlyForUpdatesNextRun()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/api/v3/repos/octo/repo/issues", """
            [{"id": 11, "number": 2, "title": "Zoë's bug", "updated_at": "2026-11-30T10:00:00Z", "user": {"login": "mona"}},
             {"id": 12, "number": 3, "title": "A PR", "updated_at": "2026-11-29T10:00:00Z", "pull_request": {"url": "x"}},
             {"id": 10, "number": 1, "title": "First", "updated_at": "2026-11-01T10:00:00Z", "user": null}]
            """);
        using var project = new TestProject($$"""
            [project]
            name = "gh"
            [pipelines.issues.source]
            connector = "github"
            repository = "octo/repo"
            api_url = "{{api.BaseUrl}}/api/v3"
            """);

        await project.RunAsync();
        await project.RunAsync();

        var rows = project.Query("SELECT id, title, user->>'login' FROM issues ORDER BY id");
        Assert.Equal([10L, 11L], rows.Select(r => r[0]));
        Assert.Equal("Zoë's bug", rows[1][1]);
        Assert.Equal("mona", rows[1][2]);
        var second = api.Requests.Last();
        Assert.Contains("since=2026-11-30T10%3A00%3A00Z", second, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("per_page=100", second, StringComparison.Ordinal);
    }
}
