using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Tests;

public sealed class BadInputTests
{
    private const string Csv = "[project]\nname = \"p\"\n[pipelines.t]\nprimary_key = [\"id\"]\n[pipelines.t.source]\nconnector = \"file\"\npath = \"in/*.csv\"\n";
    private const string Ndjson = "[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"in/*.ndjson\"\n";

    [Fact]
    public async Task Run_MalformedCsvRow_FailsNamingFileAndLine_StoreUnchanged()
    {
        using var project = new TestProject(Csv);
        project.Write("in/a.csv", "id,name\n1,a\n2,b\n");
        await project.RunAsync();
        var before = Snapshot(project);
        project.Write("in/b.csv", "id,name\n3,c\n4,d,extra,fields\n5,e\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.StartsWith("pull-batch failed for table t: in/b.csv:3: malformed CSV:", error.Message, StringComparison.Ordinal);
        Assert.Contains("on_error = \"skip\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(project));
    }

    [Fact]
    public async Task Run_CsvLineOverTheLineLimit_FailsNamingFile_StoreUnchanged()
    {
        // 2.1 MB: over max_line_size (2 MB), though under the 4 MB read buffer — the buffer does not raise the limit.
        using var project = new TestProject(Csv);
        project.Write("in/a.csv", "id,name\n1,a\n");
        await project.RunAsync();
        var before = Snapshot(project);
        project.Write("in/b.csv", $"id,name\n2,b\n3,{new string('x', 2_100_000)}\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.StartsWith("pull-batch failed for table t: in/b.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed CSV", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(project));
    }

    [Fact]
    public async Task Run_InvalidJsonLine_FailsNamingFileAndLine_StoreUnchanged()
    {
        using var project = new TestProject(Ndjson);
        project.Write("in/a.ndjson", "{\"id\": 1}\n");
        await project.RunAsync();
        var before = Snapshot(project);
        project.Write("in/b.ndjson", "{\"id\": 2}\n{\"id\": 3\n{\"id\": 4}\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.StartsWith("pull-batch failed for table t: in/b.ndjson", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid NDJSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(project));
    }

    [Fact]
    public async Task Run_CsvLineOverTwoMillionBytes_Fails()
    {
        // DuckDB's 2,000,000-byte line limit holds although the reader's buffer is set explicitly (which would
        // otherwise raise the limit to the buffer size). The sniffer meets the line first and reports line 1.
        using var project = new TestProject(Csv);
        project.Write("in/a.csv", "id,name\n1,a\n2," + new string('x', 3_000_000) + "\n3,c\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.StartsWith("pull-batch failed for table t: in/a.csv:1: malformed CSV:", error.Message, StringComparison.Ordinal);
        Assert.Empty(project.DataFiles("t"));
    }

    [Fact]
    public async Task Run_SkipPolicy_CountsAndReportsMalformedCsvRows()
    {
        using var project = new TestProject(Csv.Replace("path = \"in/*.csv\"\n", "path = \"in/*.csv\"\non_error = \"skip\"\n", StringComparison.Ordinal));
        project.Write("in/b.csv", "id,name\n3,c\n4,d,extra,fields\n5,e\n6,f,g\n");

        var summary = await project.RunAsync();

        Assert.Equal(2, summary.Tables[0].RowsSkipped);
        Assert.Equal(2, summary.Tables[0].RowCount);
    }

    [Fact]
    public async Task Run_SkipPolicy_CountsAndReportsInvalidJsonLines()
    {
        using var project = new TestProject(Ndjson.Replace("path = \"in/*.ndjson\"\n", "path = \"in/*.ndjson\"\non_error = \"skip\"\n", StringComparison.Ordinal));
        project.Write("in/b.ndjson", "{\"id\": 2}\n{\"id\": 3\n{\"id\": 4}\n");

        var summary = await project.RunAsync();

        Assert.Equal(1, summary.Tables[0].RowsSkipped);
        Assert.Equal(2, summary.Tables[0].RowCount);
    }

    [Fact]
    public async Task Run_UnreadableFile_FailsWithItsName()
    {
        using var project = new TestProject(Csv);
        Directory.CreateDirectory(Path.Combine(project.Root, "in"));
        File.CreateSymbolicLink(Path.Combine(project.Root, "in", "a.csv"), Path.Combine(project.Root, "nowhere.csv"));

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.StartsWith("discover failed: in/a.csv: cannot read the file", error.Message, StringComparison.Ordinal);
        Assert.Empty(project.DataFiles("t"));
    }

    [Fact]
    public async Task Run_MemoryLimitTooSmall_SaysSoInsteadOfBlamingTheFile()
    {
        using var project = new TestProject(Csv) { Options = new StepOptions { DuckDbThreads = 1, DuckDbMemoryLimit = "1MB" } };
        project.Write("in/a.csv", "id,name\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},name {i}\n")));

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.Permanent, error.ErrorName);
        Assert.Contains("DuckDB ran out of memory reading the file", error.Message, StringComparison.Ordinal);
        Assert.Contains("HAKIRI_DUCKDB_MEMORY_LIMIT", error.Message, StringComparison.Ordinal);
    }

    private static string Snapshot(TestProject project)
    {
        using var catalog = project.Catalog();
        var tables = catalog.ListTables().Select(t => $"{t.Name}:{t.RowCount}:{t.FileCount}:{string.Join(',', t.Columns)}");
        var files = project.DataFiles("t").Select(f => $"{f}:{new FileInfo(f).Length}").Order();
        var sources = catalog.GetSourceFiles("t").Select(s => $"{s.Key}={s.Value.Fingerprint}").Order();
        return string.Join('\n', tables.Concat(files).Concat(sources));
    }
}
