using Hakiri.Connectors.Contract;
using Hakiri.Runner;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Steps.Tests.Connectors;

/// <summary>One PostgreSQL server for the steps' postgres tests.</summary>
[CollectionDefinition(Name)]
public sealed class StepsPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "steps postgres";
}

/// <summary>
/// The write step's side of snapshot sources: the key a connector discovers becomes the table's key when the manifest
/// has none, and a snapshot run replaces every live row in one commit — down to an empty table when the source is.
/// </summary>
[Collection(StepsPostgresCollection.Name)]
public sealed class SnapshotReplaceTests(PostgresServer server)
{
    private static string Manifest(string table) => $$"""
        [project]
        name = "pg"
        [pipelines.items.source]
        connector = "postgres"
        dsn_env = "PG_DSN"
        table = "{{table}}"
        batch_rows = 100
        """;

    private Task<RunSummary> RunAsync(TestProject project, string database) =>
        PipelineRunner.Local(new StepContext(project.Manifest(), project.Layout, options: project.Options,
            connectors: _ => ConnectorServices.CreateDefault() with { Environment = name => name == "PG_DSN" ? server.Url(database) : null })).RunAsync([]);

    [Fact]
    public async Task Write_SnapshotWithDiscoveredKey_ReplacesAllRowsAndEmptiesWithTheSource()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE things (id int PRIMARY KEY, v text); INSERT INTO things SELECT i, 'v' || i FROM generate_series(1, 250) AS i;");
        using var project = new TestProject(Manifest("things")) { Options = new StepOptions { DuckDbThreads = 2, ConnectorBatchRows = 100 } };

        await RunAsync(project, database);
        server.Execute(database, "DELETE FROM things WHERE id > 10; UPDATE things SET v = 'new' WHERE id = 1;");
        var second = await RunAsync(project, database);
        var afterSecond = project.Query("SELECT count(*), max(id), min(v) FROM items")[0];
        server.Execute(database, "DELETE FROM things;");
        await RunAsync(project, database);

        using var catalog = project.Catalog();
        Assert.Equal(["id"], catalog.GetTable("items")!.PrimaryKey);
        Assert.Equal(10L, Assert.Single(second.Tables).RowCount);
        Assert.Equal([10L, 10, "new"], afterSecond);
        Assert.Equal(0L, catalog.GetTable("items")!.RowCount);
        Assert.Empty(project.DataFiles("items"));
    }

    [Fact]
    public async Task Write_SnapshotOfKeylessTable_ReplacesRowsWithoutDuplicates()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE log (line text); INSERT INTO log SELECT 'l' || i FROM generate_series(1, 150) AS i;");
        using var project = new TestProject(Manifest("log"));

        await RunAsync(project, database);
        server.Execute(database, "INSERT INTO log VALUES ('late');");
        await RunAsync(project, database);

        Assert.Equal(151L, project.Count("SELECT count(*) FROM items"));
        Assert.Equal(151L, project.Count("SELECT count(DISTINCT line) FROM items"));
        using var catalog = project.Catalog();
        Assert.Empty(catalog.GetTable("items")!.PrimaryKey);
    }
}
