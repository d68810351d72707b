using Hakiri.Steps.Hosting;
using Hakiri.Runner;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Steps.Tests;

/// <summary>The steps against a store in object storage (the in-memory twin of S3), through local mirrors.</summary>
public sealed class MirroredStoreTests
{
    [Fact]
    public async Task Run_OnObjectStore_CommitsCatalogAndDataRemotely()
    {
        using var project = TestProject.Quickstart();
        var remote = new InMemoryObjectStore();

        var summary = await RunAsync(project, remote);
        var again = await RunAsync(project, remote);

        Assert.Equal([9L, 4L, 8L], summary.Tables.Select(t => t.RowCount));
        Assert.All(again.Tables, t => Assert.Equal(0, t.RowsAdded));
        var (catalog, keys) = await ReadRemoteAsync(remote);
        Assert.Equal(21, catalog.Sum(t => t.RowCount));
        Assert.Contains("catalog.sqlite", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("staging/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OnObjectStore_FileInByteRanges_LandsEveryRangeInTheBucket()
    {
        using var project = new TestProject("[project]\nname = \"p\"\n[pipelines.events.source]\nconnector = \"file\"\npath = \"in/*.ndjson\"\n")
        {
            Options = new StepOptions { PullRanges = 3, MinRangeBytes = 4096 },
        };
        project.Write("in/a.ndjson", string.Concat(Enumerable.Range(1, 3000).Select(n => $"{{\"n\": {n}, \"note\": \"Zoë\"}}\n")));
        var remote = new InMemoryObjectStore();

        await RunAsync(project, remote);

        var (catalog, keys) = await ReadRemoteAsync(remote);
        var events = Assert.Single(catalog);
        Assert.Equal(3000, events.RowCount);
        Assert.Equal(3, events.Files.Count);
        Assert.All(events.Files, f => Assert.Contains(f, keys));
        Assert.DoesNotContain(keys, k => k.StartsWith("staging/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoConcurrentRuns_OnOneObjectStore_LoseNoCommitAndDuplicateNoRow()
    {
        using var project = TestProject.Quickstart();
        for (var i = 0; i < 6; i++)
        {
            project.Write($"data/orders/extra-{i}.csv", $"order_id,customer_id,product_id,ordered_at,quantity,amount,currency,status\n{2000 + i},c-03,p-1,2026-03-01T10:00:00Z,1,9.00,EUR,new\n");
        }

        var remote = new InMemoryObjectStore();

        var runs = await Task.WhenAll(RunAsync(project, remote), RunAsync(project, remote), RunAsync(project, remote, "customers"));

        var (catalog, keys) = await ReadRemoteAsync(remote);
        Assert.Equal(15, catalog.Single(t => t.Name == "orders").RowCount);
        Assert.Equal(4, catalog.Single(t => t.Name == "customers").RowCount);
        Assert.Equal(3, runs.Length);
        var live = catalog.SelectMany(t => t.Files).ToHashSet();
        Assert.All(live, f => Assert.Contains(f, keys));
    }

    [Fact]
    public async Task Compact_OnObjectStore_DeletesOnlyOldUnreferencedDataObjects()
    {
        using var project = TestProject.Quickstart();
        var clock = new ManualClock(DateTimeOffset.UtcNow - TimeSpan.FromHours(2));
        var remote = new InMemoryObjectStore(clock);
        using var junk = new TempDirectory();
        // A writer that uploaded a data file two hours ago and never committed it, and one uploading right now.
        await remote.UploadAsync("data/orders/dead-run/part-0.parquet", junk.Write("dead", "x"), PutCondition.None);
        clock.Now = DateTimeOffset.UtcNow;
        await remote.UploadAsync("data/orders/live-run/part-0.parquet", junk.Write("live", "y"), PutCondition.None);

        await RunAsync(project, remote);

        var (catalog, keys) = await ReadRemoteAsync(remote);
        Assert.DoesNotContain("data/orders/dead-run/part-0.parquet", keys);
        Assert.Contains("data/orders/live-run/part-0.parquet", keys);
        Assert.All(catalog.SelectMany(t => t.Files), f => Assert.Contains(f, keys));
        Assert.Equal(21, catalog.Sum(t => t.RowCount));
    }

    [Fact]
    public async Task Run_OnObjectStore_IndexSegmentsFollowTheLiveFilesInTheBucket()
    {
        using var project = new TestProject("""
            [project]
            name = "p"
            [pipelines.tickets]
            primary_key = ["id"]
            [pipelines.tickets.source]
            connector = "file"
            path = "in/*.csv"
            [pipelines.tickets.indexes]
            fts = ["body"]
            """);
        project.Write("in/1.csv", "id,body\n1,blender arrived broken\n");
        project.Write("in/2.csv", "id,body\n2,cannot sign in\n");
        var remote = new InMemoryObjectStore();
        await RunAsync(project, remote);
        project.Write("in/3.csv", "id,body\n2,still cannot sign in\n");

        await RunAsync(project, remote);

        using var cache = new TempDirectory();
        var layout = new StoreLayout(cache.Path);
        await remote.DownloadAsync(StoreLayout.CatalogFileName, layout.CatalogPath);
        using var catalog = CatalogDatabase.Open(layout);
        var live = catalog.ListFiles("tickets").Select(f => f.Path).ToHashSet();
        var segments = catalog.ListIndexSegments("tickets");
        Assert.Equal(live.Order(), segments.Select(s => s.DataPath).Order());
        var indexKeys = (await remote.ListAsync("index/")).Select(o => o.Key).ToList();
        Assert.NotEmpty(indexKeys);
        Assert.All(indexKeys, key => Assert.Contains(segments, s => key.StartsWith(s.Path + "/", StringComparison.Ordinal)));
        Assert.All(segments, s => Assert.Contains(indexKeys, key => key.StartsWith(s.Path + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OrphanCollector_KeepsReferencedAndRecentObjects_AndLooksOnlyUnderThePrefix()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var remote = new InMemoryObjectStore(clock);
        using var dir = new TempDirectory();
        foreach (var key in new[] { "data/t/r1/live.parquet", "data/t/r1/orphan.parquet", "catalog.sqlite", "runs/r1/history.json" })
        {
            await remote.UploadAsync(key, dir.Write(Path.GetFileName(key), key), PutCondition.None);
        }

        clock.Now = DateTimeOffset.UnixEpoch.AddHours(3);
        await remote.UploadAsync("data/t/r2/new.parquet", dir.Write("new", "n"), PutCondition.None);

        var deleted = await OrphanCollector.CollectAsync(remote, "data/t/", new HashSet<string>(["data/t/r1/live.parquet"]), DateTimeOffset.UnixEpoch.AddHours(2));

        Assert.Equal(["data/t/r1/orphan.parquet"], deleted);
        Assert.Equal(["catalog.sqlite", "data/t/r1/live.parquet", "data/t/r2/new.parquet", "runs/r1/history.json"], (await remote.ListAsync(string.Empty)).Select(o => o.Key));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<RunSummary> RunAsync(TestProject project, IObjectStore remote, params string[] pipelines)
    {
        using var cache = new TempDirectory();
        var mirror = new StoreMirror(remote, new StoreLayout(cache.Path));
        var context = new StepContext(project.Manifest(), mirror.Local, options: project.Options);
        var runner = new PipelineRunner(context.Manifest, new MirroredStepHost(context, mirror), new MirroredRunLedger(mirror, context.Clock));
        return await runner.RunAsync(pipelines);
    }

    private static async Task<(List<(string Name, long RowCount, List<string> Files)> Tables, IReadOnlyList<string> Keys)> ReadRemoteAsync(InMemoryObjectStore remote)
    {
        using var cache = new TempDirectory();
        var layout = new StoreLayout(cache.Path);
        await remote.DownloadAsync(StoreLayout.CatalogFileName, layout.CatalogPath);
        using var catalog = CatalogDatabase.Open(layout);
        var tables = catalog.ListTables().Select(t => (t.Name, t.RowCount, catalog.ListFiles(t.Name).Select(f => f.Path).ToList())).ToList();
        return (tables, (await remote.ListAsync(string.Empty)).Select(o => o.Key).ToList());
    }
}
