using Hakiri.Steps.Errors;
using Hakiri.Steps.Tests.Connectors;

namespace Hakiri.Steps.Tests.Writing;

/// <summary>
/// Batches that carry <c>_hakiri_op</c> (what the postgres connector sends in cdc mode), here served by an http API:
/// the last change per key wins across batches, deletes remove stored rows, a reset drops what came before it, and the
/// operation column is never stored.
/// </summary>
public sealed class ChangeRowsTests
{
    private const string Manifest = """
        [project]
        name = "changes"
        [pipelines.items]
        primary_key = ["id"]
        [pipelines.items.source]
        connector = "http"
        base_url = "{0}"
        path = "/items"
        pagination = { kind = "link" }
        """;

    private static TestProject Project(PagesApi api) =>
        new(Manifest.Replace("{0}", api.BaseUrl, StringComparison.Ordinal)) { Options = new StepOptions { DuckDbThreads = 2, ConnectorBatchRows = 1 } };

    [Fact]
    public async Task Run_UpsertsAndDeletesAcrossBatches_LastChangePerKeyWinsAndDeletedKeysGo()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1, "v": "a"}, {"id": 2, "v": "b"}, {"id": 3, "v": "c"}]""");
        using var project = Project(api);
        await project.RunAsync();
        api.Page("/items", """[{"id": 1, "v": "a2", "_hakiri_op": "u"}, {"id": 2, "_hakiri_op": "d"}, {"id": 4, "v": "d", "_hakiri_op": "u"}]""", next: "/items?page=2");
        api.Page("/items?page=2", """[{"id": 4, "_hakiri_op": "d"}, {"id": 2, "v": "b3", "_hakiri_op": "u"}, {"id": 5, "_hakiri_op": "d"}]""");

        await project.RunAsync();

        var rows = project.Query("SELECT id, v FROM items ORDER BY id");
        Assert.Equal([[1L, "a2"], [2L, "b3"], [3L, "c"]], rows.Select(r => new[] { r[0], r[1] }));
        using var catalog = project.Catalog();
        var table = catalog.GetTable("items")!;
        Assert.Equal(3, table.RowCount);
        Assert.DoesNotContain(table.Columns, c => c.Name == "_hakiri_op");
    }

    [Fact]
    public async Task Run_OnlyDeletes_RemovesTheRowsAndKeepsTheRest()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1, "v": "a"}, {"id": 2, "v": "b"}]""");
        using var project = Project(api);
        await project.RunAsync();
        api.Page("/items", """[{"id": 2, "_hakiri_op": "d"}]""");

        await project.RunAsync();

        Assert.Equal([1L], project.Query("SELECT id FROM items").Select(r => r[0]));
    }

    [Fact]
    public async Task Run_ResetStaged_DropsStoredRowsAndRowsStagedBeforeIt()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1, "v": "a"}, {"id": 2, "v": "b"}]""");
        using var project = Project(api);
        await project.RunAsync();
        api.Page("/items", """[{"id": 9, "v": "x", "_hakiri_op": "u"}]""", next: "/items?page=2");
        api.Page("/items?page=2", """[{"id": 0, "_hakiri_op": "t"}, {"id": 5, "v": "e"}, {"id": 6, "v": "f", "_hakiri_op": "u"}, {"id": 6, "_hakiri_op": "d"}]""");

        await project.RunAsync();

        Assert.Equal([[5L, "e"]], project.Query("SELECT id, v FROM items ORDER BY id").Select(r => new[] { r[0], r[1] }));
        using var catalog = project.Catalog();
        Assert.Equal(1, catalog.GetTable("items")!.RowCount);
    }

    [Fact]
    public async Task Run_ChangesWithoutPrimaryKey_FailsNamingTheKeyToSet()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 2, "_hakiri_op": "d"}]""");
        using var project = new TestProject(Manifest.Replace("{0}", api.BaseUrl, StringComparison.Ordinal).Replace("primary_key = [\"id\"]\n", string.Empty, StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Contains("set primary_key under [pipelines.items]", failure.Message, StringComparison.Ordinal);
    }
}
