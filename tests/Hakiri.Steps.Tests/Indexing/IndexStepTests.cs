using Hakiri.DuckDb;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Indexing;
using Hakiri.Testing.Http;

namespace Hakiri.Steps.Tests.Indexing;

/// <summary>
/// The index step keeps one full-text and one vector segment per live data file, built for the manifest's spec:
/// first load, upsert, compaction, spec changes and removal, with text embedded once (through a real HTTP endpoint).
/// </summary>
public sealed class IndexStepTests : IAsyncLifetime
{
    private EmbeddingsApi _api = null!;

    public async Task InitializeAsync() => _api = await EmbeddingsApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private string Manifest(string indexes = "") => $$"""
        [project]
        name = "p"
        [pipelines.tickets]
        primary_key = ["id"]
        [pipelines.tickets.source]
        connector = "file"
        path = "in/*.csv"
        [pipelines.tickets.indexes]
        {{(indexes.Length > 0 ? indexes : $"fts = [\"title\", \"body\"]\nvector = {{ column = \"body\", model = \"{_api.Model}\" }}")}}
        """;

    private static string Tickets(params (int Id, string Title, string Body)[] rows) =>
        "id,title,body\n" + string.Concat(rows.Select(r => $"{r.Id},{r.Title},\"{r.Body}\"\n"));

    [Fact]
    public async Task Run_FirstLoad_BuildsBothSegmentsPerLiveFileReadableByDuckDb()
    {
        using var project = new TestProject(Manifest());
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken"), (2, "Login", "Cannot sign in since Tuesday"), (3, "Empty", "")));

        await project.RunAsync();

        using var catalog = project.Catalog();
        var live = catalog.ListFiles("tickets").Select(f => f.Path).ToList();
        var segments = catalog.ListIndexSegments("tickets");
        Assert.Equal(live.Count * 2, segments.Count);
        Assert.All(segments, s => Assert.True(Directory.Exists(project.Layout.Absolute(s.Path)), s.Path));
        var vector = segments.Single(s => s.Kind == "vector");
        Assert.Equal(2, vector.RowCount); // the empty body has no vector
        Assert.Equal(2, _api.Texts);
        Assert.Contains("\"model\"", vector.Spec, StringComparison.Ordinal);
        Assert.Equal(3, segments.Single(s => s.Kind == "fts").RowCount);
        using var duck = DuckDbDatabase.Open(null);
        using var connection = duck.Connect();
        var vectors = Path.Combine(project.Layout.Absolute(vector.Path), "vectors.parquet");
        using var reader = connection.Query($"SELECT count(*), min(len(vector)) FROM read_parquet('{vectors}')");
        Assert.True(reader.Read());
        Assert.Equal((2L, (long)EmbeddingsApi.Dimensions), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task Run_Upsert_ReplacesSegmentsAndEmbedsOnlyChangedText()
    {
        using var project = new TestProject(Manifest());
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken"), (2, "Login", "Cannot sign in since Tuesday")));
        await project.RunAsync();
        var before = Segments(project);
        project.Write("in/2.csv", Tickets((2, "Login", "Cannot sign in since Tuesday"), (4, "Invoice", "Please send a VAT invoice")));

        await project.RunAsync();

        Assert.Equal(3, _api.Texts); // row 2's text was embedded once; only row 4's is new
        var after = Segments(project);
        using var catalog = project.Catalog();
        var live = catalog.ListFiles("tickets").Select(f => f.Path).ToHashSet();
        Assert.All(after, s => Assert.Contains(s.DataPath, live));
        Assert.All(before.Where(b => !live.Contains(b.DataPath)), gone => Assert.False(Directory.Exists(project.Layout.Absolute(gone.Path)), gone.Path));
        Assert.Equal(3, after.Where(s => s.Kind == "vector").Sum(s => s.RowCount));
    }

    [Fact]
    public async Task Run_Compaction_RebuildsForTheMergedFileWithoutEmbeddingAgain()
    {
        using var project = new TestProject(Manifest()) { Options = new StepOptions { DuckDbThreads = 2, CompactMinFiles = 3 } };
        for (var i = 1; i <= 3; i++)
        {
            project.Write($"in/{i}.csv", Tickets((i, $"T{i}", $"Body number {i} about parcels")));
            await project.RunAsync();
        }

        using var catalog = project.Catalog();
        var live = catalog.ListFiles("tickets");
        Assert.Single(live);
        Assert.StartsWith("compact-", Path.GetFileName(live[0].Path), StringComparison.Ordinal);
        var segments = catalog.ListIndexSegments("tickets");
        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.Equal(live[0].Path, s.DataPath));
        Assert.Equal(3, _api.Texts);
        Assert.Equal(segments.Select(s => project.Layout.Absolute(s.Path)).Order(), SegmentDirectories(project).Order());
    }

    [Fact]
    public async Task Run_SpecChangedThenIndexesRemoved_RebuildsThenDropsSegments()
    {
        using var project = new TestProject(Manifest());
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken")));
        await project.RunAsync();
        var vectorBefore = Segments(project).Single(s => s.Kind == "vector");
        project.Write("hakiri.toml", Manifest($"fts = {{ columns = [\"body\"], analyzer = \"simple\" }}\nvector = {{ column = \"body\", model = \"{_api.Model}\" }}"));

        await project.RunAsync();

        var changed = Segments(project);
        Assert.Contains("\"simple\"", changed.Single(s => s.Kind == "fts").Spec, StringComparison.Ordinal);
        Assert.Equal(vectorBefore.Path, changed.Single(s => s.Kind == "vector").Path);
        project.Write("hakiri.toml", Manifest("# none") .Replace("[pipelines.tickets.indexes]\n# none", string.Empty, StringComparison.Ordinal));
        await project.RunAsync();
        Assert.Empty(Segments(project));
        Assert.False(Directory.Exists(project.Layout.Absolute("index/tickets")));
    }

    [Fact]
    public async Task Run_EndpointRefuses_DataCommittedAndTheNextRunBuildsTheIndex()
    {
        using var project = new TestProject(Manifest());
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken")));
        _api.FailNext(10);

        var failed = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Contains("the stand-in was told to refuse", failed.Message, StringComparison.Ordinal);
        Assert.Contains("The data is committed; run again to build the index.", failed.Message, StringComparison.Ordinal);
        Assert.Equal(1, project.Count("SELECT count(*) FROM tickets"));
        _api.FailNext(0);
        await project.RunAsync();
        Assert.Equal(2, Segments(project).Count);
    }

    [Fact]
    public async Task Run_LocalModelNotInThisHost_BuildsFullTextAndSaysWhyNotVectors()
    {
        using var project = new TestProject(Manifest("fts = [\"body\"]\nvector = { column = \"body\", model = \"all-MiniLM-L6-v2\" }"));
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken")));

        var summary = await project.RunAsync();

        Assert.Contains("vector index of tickets not built here", summary.Tables[0].IndexMessage, StringComparison.Ordinal);
        Assert.Equal(["fts"], Segments(project).Select(s => s.Kind));
        var output = await IndexStep.RunAsync(project.Context(), new TableStepInput("r-x", "tickets", "tickets"));
        Assert.Contains("vector index of tickets not built here", output.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IndexNamesMissingColumn_FailsWithSentenceNamingTheColumns()
    {
        using var project = new TestProject(Manifest("fts = [\"subject\"]"));
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken")));

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.Permanent, error.ErrorName);
        Assert.Equal(1, project.Count("SELECT count(*) FROM tickets"));
        Assert.Contains("names column 'subject', which table 'tickets' does not have (its columns: id, title, body)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_AfterCrashLeftADirectory_SweepsItAndReEmbeds()
    {
        using var project = new TestProject(Manifest());
        project.Write("in/1.csv", Tickets((1, "Refund", "The blender arrived broken")));
        await project.RunAsync();
        var orphan = project.Layout.Absolute("index/tickets/r-dead/part-000000/fts-r-dead");
        Directory.CreateDirectory(orphan);

        var line = await new TableIndexer(project.Context(), project.Manifest().FindPipeline("tickets")!, "tickets", "rebuild-1").RunAsync(rebuild: true, default);

        Assert.Contains("1 full-text and 1 vector segments built", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(orphan));
        Assert.Equal(2, _api.Texts);
        Assert.All(Segments(project), s => Assert.Equal("rebuild-1", s.RunId));
    }

    private static string[] SegmentDirectories(TestProject project) =>
        Directory.GetDirectories(project.Layout.Absolute("index/tickets"), "*", SearchOption.AllDirectories)
            .Where(d => Path.GetFileName(d).StartsWith("fts-", StringComparison.Ordinal) || Path.GetFileName(d).StartsWith("vector-", StringComparison.Ordinal))
            .ToArray();

    private static List<Hakiri.Store.Catalog.IndexSegmentRecord> Segments(TestProject project)
    {
        using var catalog = project.Catalog();
        return catalog.ListIndexSegments("tickets").ToList();
    }
}
