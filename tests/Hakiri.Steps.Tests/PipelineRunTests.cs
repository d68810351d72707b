using Hakiri.Steps.Sources;
using Hakiri.Store;

namespace Hakiri.Steps.Tests;

public sealed class PipelineRunTests
{
    [Fact]
    public async Task Run_Quickstart_LandsExactRowCountsWithProvenance()
    {
        using var project = TestProject.Quickstart();

        var summary = await project.RunAsync();

        Assert.Equal([9L, 4L, 8L], summary.Tables.Select(t => t.RowCount));
        Assert.Equal(9, project.Count("SELECT count(*) FROM orders"));
        Assert.Equal(2, project.Count("SELECT count(DISTINCT _hakiri_source) FROM orders"));
        Assert.Equal(["data/orders/2026-01.csv", 3L], project.Query($"SELECT {ProvenanceColumns.Source}, {ProvenanceColumns.Record} FROM orders WHERE order_id = 1003")[0]);
        Assert.Equal(0, project.Count($"SELECT count(*) FROM orders WHERE {ProvenanceColumns.RunId} <> '{summary.RunId}' OR {ProvenanceColumns.IngestedAt} IS NULL"));
        using var catalog = project.Catalog();
        Assert.Equal(9, catalog.GetTable("orders")!.RowCount);
        Assert.Equal("succeeded", catalog.GetRun(summary.RunId)!.Status);
        Assert.Equal(21, catalog.GetRun(summary.RunId)!.RowsWritten);
    }

    [Fact]
    public async Task Run_Twice_SecondRunAddsNothing()
    {
        using var project = TestProject.Quickstart();
        await project.RunAsync();
        var files = project.DataFiles("orders");

        var second = await project.RunAsync();

        Assert.All(second.Tables, t => Assert.Equal(0, t.RowsAdded));
        Assert.Equal(9, project.Count("SELECT count(*) FROM orders"));
        Assert.Equal(files, project.DataFiles("orders"));
    }

    [Fact]
    public async Task Run_NewFile_AddsExactlyItsRows()
    {
        using var project = TestProject.Quickstart();
        await project.RunAsync();
        project.Write("data/orders/2026-03.csv", "order_id,customer_id,product_id,ordered_at,quantity,amount,currency,status\n1010,c-03,p-1,2026-03-01T10:00:00Z,1,9.00,EUR,pending\n1011,c-08,p-2,2026-03-02T10:00:00Z,2,2.90,EUR,pending\n");

        var summary = await project.RunAsync("orders");

        var orders = Assert.Single(summary.Tables);
        Assert.Equal(2, orders.RowsAdded);
        Assert.Equal(1, orders.FilesRead);
        Assert.Equal(11, project.Count("SELECT count(*) FROM orders"));
    }

    [Fact]
    public async Task Run_ModifiedFileWithPrimaryKey_UpsertsWithoutDuplicates()
    {
        using var project = TestProject.Quickstart();
        await project.RunAsync();
        var path = Path.Combine(project.Root, "data/orders/2026-02.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace("1009,c-17,p-2,2026-02-11T12:00:00Z,10,14.50,EUR,pending", "1009,c-17,p-2,2026-02-11T12:00:00Z,10,14.50,EUR,shipped", StringComparison.Ordinal)
            + "1012,c-22,p-3,2026-02-20T09:00:00Z,1,42.50,EUR,pending\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        var summary = await project.RunAsync("orders");

        Assert.Equal(4, summary.Tables[0].RowsAdded);
        Assert.Equal(3, summary.Tables[0].RowsReplaced);
        Assert.Equal(10, project.Count("SELECT count(*) FROM orders"));
        Assert.Equal(10, project.Count("SELECT count(DISTINCT order_id) FROM orders"));
        Assert.Equal("shipped", project.Query("SELECT status FROM orders WHERE order_id = 1009")[0][0]);
    }

    [Fact]
    public async Task Run_ModifiedFileWithoutKey_ReplacesThatFilesRows()
    {
        using var project = new TestProject("[project]\nname = \"p\"\n[pipelines.events.source]\nconnector = \"file\"\npath = \"events/*.ndjson\"\n");
        project.Write("events/a.ndjson", "{\"e\": 1}\n{\"e\": 2}\n");
        project.Write("events/b.ndjson", "{\"e\": 3}\n");
        await project.RunAsync();
        var a = project.Write("events/a.ndjson", "{\"e\": 1}\n{\"e\": 2}\n{\"e\": 4}\n");
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));

        await project.RunAsync();

        Assert.Equal([1L, 2L, 3L, 4L], project.Query("SELECT e FROM events ORDER BY e").Select(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Run_AllFormats_AreRead()
    {
        using var project = new TestProject("""
            [project]
            name = "formats"
            [pipelines.c.source]
            connector = "file"
            path = "in/*.csv"
            [pipelines.n.source]
            connector = "file"
            path = "in/*.jsonl"
            [pipelines.j.source]
            connector = "file"
            path = "in/*.json"
            [pipelines.p.source]
            connector = "file"
            path = "in/*.parquet"
            """);
        project.Write("in/a.csv", "id,name\n1,a\n2,b\n");
        project.Write("in/a.jsonl", "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n");
        project.Write("in/a.json", "[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}, {\"id\": 4}]");
        using (var duck = Hakiri.DuckDb.DuckDbDatabase.Open())
        using (var connection = duck.Connect())
        {
            connection.Execute($"COPY (SELECT range AS id FROM range(5)) TO '{Path.Combine(project.Root, "in", "a.parquet")}' (FORMAT parquet)");
        }

        var summary = await project.RunAsync();

        Assert.Equal([2L, 3L, 4L, 5L], summary.Tables.Select(t => t.RowCount));
    }

    [Fact]
    public async Task Run_CsvLineJustUnderTheLineLimit_Loads()
    {
        // The reader's buffer is 4 MB and its line limit 2 MB: a 1.9 MB line still fits both.
        using var project = new TestProject("[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"in/*.csv\"\n");
        project.Write("in/a.csv", $"id,note\n1,short\n2,{new string('ü', 950_000)}\n3,after\n");

        var summary = await project.RunAsync();

        Assert.Equal(3, summary.Tables[0].RowCount);
        Assert.Equal(950_000, project.Count("SELECT length(note) FROM t WHERE id = 2"));
    }

    [Fact]
    public async Task Run_CsvLargerThanTheReadBuffer_KeepsEveryRowAndItsRecordNumber()
    {
        // ~11 MB of rows: more than the CSV reader's 4 MB buffer, so rows straddle a buffer boundary.
        using var project = new TestProject("[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"in/*.csv\"\n");
        const int rows = 100_000;
        project.Write("in/a.csv", "id,note\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"{i},{new string('x', 100)} {i}\n")));

        var summary = await project.RunAsync();

        Assert.Equal(rows, summary.Tables[0].RowCount);
        Assert.Equal(0, project.Count($"SELECT count(*) FROM t WHERE {ProvenanceColumns.Record} <> id OR note <> repeat('x', 100) || ' ' || id"));
    }

    [Fact]
    public async Task Run_TooManySmallFiles_AreCompactedIntoOne()
    {
        using var project = new TestProject("[project]\nname = \"p\"\n[pipelines.events.source]\nconnector = \"file\"\npath = \"events/*.csv\"\n")
        {
            Options = new StepOptions { DuckDbThreads = 2, CompactMinFiles = 3 },
        };
        for (var i = 0; i < 3; i++)
        {
            project.Write($"events/{i}.csv", $"n\n{i}\n{i + 10}\n");
            await project.RunAsync();
        }

        Assert.Single(project.DataFiles("events"));
        Assert.Equal(6, project.Count("SELECT count(*) FROM events"));
        using var catalog = project.Catalog();
        Assert.Equal(1, catalog.GetTable("events")!.FileCount);
    }
}
