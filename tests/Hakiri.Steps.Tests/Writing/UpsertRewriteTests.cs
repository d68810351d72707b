using static Hakiri.Steps.Tests.Writing.EventLines;

namespace Hakiri.Steps.Tests.Writing;

// An upsert of one source file holding a row group or more of rows in the table's shape rewrites only the kept rows of
// the files it touches; its staged batch becomes a data file as it is. A smaller one, or one of several files, merges
// its rows into the rewritten file.
public sealed class UpsertRewriteTests
{
    [Fact]
    public async Task Run_LargeUpsert_WritesTheKeptRowsAndMovesTheBatch()
    {
        using var project = new TestProject(Keyed);
        project.Write("in/a.ndjson", Lines(1, 80_000, version: 0));
        await project.RunAsync();

        // Every other id of 1..60,000 changes and 20,000 ids are new: 50,000 staged rows.
        project.Write("in/b.ndjson", string.Concat(Enumerable.Range(0, 30_000).Select(i => Line(1 + (2L * i), version: 1))) + Lines(80_001, 100_000, version: 1));
        var table = (await project.RunAsync()).Tables.Single();

        Assert.Equal(50_000L, table.RowsAdded);
        Assert.Equal(30_000L, table.RowsReplaced);
        Assert.Equal(2, table.FilesWritten);
        Assert.Equal(100_000L, table.RowCount);
        Assert.Equal(100_000L, project.Count("SELECT count(DISTINCT id) FROM events"));
        Assert.Equal(50_000L, project.Count("SELECT count(*) FROM events WHERE v = 1"));
        Assert.Equal(0L, project.Count("SELECT count(*) FROM events WHERE v = 1 AND id <= 60000 AND id % 2 = 0"));
        Assert.Equal(2, project.DataFiles("events").Length);
        // Each file holds rows of one version only: the batch went in as it was staged.
        var files = string.Join(", ", project.DataFiles("events").Select(f => $"'{f}'"));
        Assert.Equal(2L, project.Count($"SELECT count(*) FROM (SELECT filename FROM read_parquet([{files}], filename = true) GROUP BY filename HAVING count(DISTINCT v) = 1)"));
        // The kept rows' file comes from the replaced file, the batch's from the source file.
        var lineage = Lineage(project, project.DataFiles("events"));
        Assert.Equal(2, lineage.Count);
        Assert.Single(lineage, l => l.Sources.SequenceEqual(["in/b.ndjson"]));
        Assert.Single(lineage, l => l.Sources.Count == 1 && l.Sources[0].StartsWith("rewrite:data/events/", StringComparison.Ordinal));
    }

    // Each live file's lineage sources, in order.
    private static List<(string File, List<string> Sources)> Lineage(TestProject project, string[] liveFiles)
    {
        var rows = new List<(string File, string Source)>();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={project.Layout.CatalogPath};Mode=ReadOnly;Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT l.file_path, l.source FROM lineage l JOIN files f ON f.path = l.file_path ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Equal(liveFiles.Length, rows.Select(r => r.File).Distinct().Count());
        return rows.GroupBy(r => r.File).Select(g => (g.Key, g.Select(r => r.Source).ToList())).ToList();
    }

    [Fact]
    public async Task Run_UpsertReplacingEveryStoredRow_WritesOnlyTheBatch()
    {
        using var project = new TestProject(Keyed);
        project.Write("in/a.ndjson", Lines(1, 40_000, version: 0));
        await project.RunAsync();

        project.Write("in/b.ndjson", Lines(1, 40_000, version: 1));
        var table = (await project.RunAsync()).Tables.Single();

        Assert.Equal(40_000L, table.RowsReplaced);
        Assert.Equal(1, table.FilesWritten);
        Assert.Equal(40_000L, project.Count("SELECT count(*) FROM events WHERE v = 1"));
        Assert.Equal(40_000L, project.Count("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Run_SmallUpsert_MergesItsRowsIntoTheRewrittenFile()
    {
        using var project = new TestProject(Keyed);
        project.Write("in/a.ndjson", Lines(1, 40_000, version: 0));
        await project.RunAsync();

        project.Write("in/b.ndjson", Lines(39_991, 40_010, version: 1));
        var table = (await project.RunAsync()).Tables.Single();

        Assert.Equal(10L, table.RowsReplaced);
        Assert.Equal(1, table.FilesWritten);
        Assert.Equal(40_010L, project.Count("SELECT count(*) FROM events"));
        Assert.Equal(20L, project.Count("SELECT count(*) FROM events WHERE v = 1"));
    }

    [Fact]
    public async Task Run_LargeUpsertFromSeveralFiles_MergesThemIntoTheRewrittenFile()
    {
        using var project = new TestProject(Keyed);
        project.Write("in/a.ndjson", Lines(1, 80_000, version: 0));
        await project.RunAsync();

        project.Write("in/b.ndjson", Lines(1, 40_000, version: 1));
        project.Write("in/c.ndjson", Lines(40_001, 90_000, version: 2));
        var table = (await project.RunAsync()).Tables.Single();

        Assert.Equal(80_000L, table.RowsReplaced);
        Assert.Equal(1, table.FilesWritten);
        Assert.Equal(90_000L, project.Count("SELECT count(DISTINCT id) FROM events"));
        Assert.Equal(50_000L, project.Count("SELECT count(*) FROM events WHERE v = 2"));
    }

    [Fact]
    public async Task Run_ReReadSourceFileWithoutAKey_ReplacesItsRowsAndKeepsTheOthers()
    {
        using var project = new TestProject(Unkeyed);
        project.Write("in/a.ndjson", Lines(1, 40_000, version: 0));
        project.Write("in/b.ndjson", Lines(40_001, 50_000, version: 0));
        await project.RunAsync();

        project.Write("in/a.ndjson", Lines(1, 35_000, version: 1));
        var table = (await project.RunAsync()).Tables.Single();

        Assert.Equal(40_000L, table.RowsReplaced);
        Assert.Equal(45_000L, table.RowCount);
        Assert.Equal(35_000L, project.Count("SELECT count(*) FROM events WHERE v = 1 AND _hakiri_source = 'in/a.ndjson'"));
        Assert.Equal(10_000L, project.Count("SELECT count(*) FROM events WHERE v = 0 AND _hakiri_source = 'in/b.ndjson'"));
    }
}
