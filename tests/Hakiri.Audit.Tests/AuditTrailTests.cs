using Hakiri.Model.Manifests;
using Hakiri.Audit.Journal;
using Hakiri.DuckDb;
using Hakiri.Testing;
using static Hakiri.Audit.Tests.AuditRecords;

namespace Hakiri.Audit.Tests;

public sealed class AuditTrailTests
{
    [Fact]
    public void Record_BeforeDispose_LineIsOnDiskInTheJournal()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using var trail = AuditTrail.Open(layout, Options(AuditKeyMode.Plain));

        trail.Record(Read("A", Noon, "customers", ["c-42"]));

        var journal = Assert.Single(JournalFiles(layout));
        using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var (_, entry) = Assert.Single(JournalSegment.ReadLines(stream));
        Assert.Equal(["c-42"], entry.Keys);
        Assert.Empty(ParquetFiles(layout));
    }

    [Fact]
    public void Dispose_RecordsOfTwoDays_FoldsIntoOneFilePerDayAndDeletesTheJournal()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using (var trail = AuditTrail.Open(layout, Options()))
        {
            trail.Record(Read("A", Noon, "customers", ["c-1"]));
            trail.Record(Read("B", Noon.AddDays(-1), "orders", ["o-1", "o-2"]));
        }

        Assert.Empty(JournalFiles(layout));
        var days = ParquetFiles(layout).Select(f => Path.GetFileName(Path.GetDirectoryName(f)!)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["day=2026-12-01", "day=2026-12-02"], days);
    }

    [Fact]
    public void Record_ThresholdReached_FoldsTheFullSegmentAndKeepsWriting()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using var trail = AuditTrail.Open(layout, Options(fold: 3));

        for (var i = 0; i < 4; i++)
        {
            trail.Record(Read("A", Noon.AddMinutes(i), "customers", [$"c-{i}"]));
        }

        Assert.Single(ParquetFiles(layout));
        Assert.Single(JournalFiles(layout));
        Assert.Equal(4, AuditLog.Open(layout, Options()).Query(new AuditQuery { Agent = "A" }).Count);
    }

    [Fact]
    public void Open_JournalLeftByACrashWithAPartialLastLine_FoldsEveryCompleteLineOnce()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        string path;
        using (var segment = JournalSegment.Create(layout))
        {
            segment.Append(JournalEntry.From(Read("A", Noon, "customers", ["c-1"]), AuditKeyMode.Hashed));
            segment.Append(JournalEntry.From(Read("A", Noon.AddMinutes(1), "customers", ["c-2"]), AuditKeyMode.Hashed));
            path = segment.Path;
        }

        File.AppendAllText(path, "{\"time_us\":1,\"agent\":\"torn");

        AuditTrail.Open(layout, Options()).Dispose();

        Assert.Empty(JournalFiles(layout));
        var entries = AuditLog.Open(layout, Options()).Query(new AuditQuery());
        Assert.Equal([Noon.AddMinutes(1), Noon], entries.Select(e => e.Time));
    }

    [Fact]
    public void Open_CrashAfterParquetBeforeJournalDelete_RefoldOverwritesWithoutDuplicates()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        string path;
        using (var segment = JournalSegment.Create(layout))
        {
            segment.Append(JournalEntry.From(Read("A", Noon, "customers", ["c-1"]), AuditKeyMode.Hashed));
            path = segment.Path;
        }

        var copy = path + ".keep";
        File.Copy(path, copy);
        Assert.True(JournalFolder.TryFold(layout, path));
        File.Move(copy, path);

        AuditTrail.Open(layout, Options()).Dispose();

        Assert.Single(ParquetFiles(layout));
        Assert.Single(KeyIndexFiles(layout));
        Assert.Single(AuditLog.Open(layout, Options()).Query(new AuditQuery()));
        Assert.Single(AuditLog.Open(layout, Options()).Query(new AuditQuery { Table = "customers", Key = "c-1" }));
    }

    [Fact]
    public void Open_SegmentOfALiveWriter_IsNotFolded()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using var live = AuditTrail.Open(layout, Options());
        live.Record(Read("A", Noon, "customers", ["c-1"]));

        AuditTrail.Open(layout, Options()).Dispose();
        live.Record(Read("A", Noon.AddMinutes(1), "customers", ["c-2"]));

        Assert.Single(JournalFiles(layout));
        Assert.Equal(2, AuditLog.Open(layout, Options()).Query(new AuditQuery()).Count);
    }

    [Fact]
    public void Record_ManyConcurrentRecorders_EveryLineIsPresentOnce()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        const int threads = 8, each = 150;
        using (var trail = AuditTrail.Open(layout, Options(fold: 97)))
        {
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < each; i++)
                {
                    trail.Record(Read($"agent-{t}", Noon.AddSeconds(i), "customers", [$"c-{t}-{i}"], token: $"tok-{t}-{i}"));
                }
            })).ToArray();
            Array.ForEach(workers, w => w.Start());
            Array.ForEach(workers, w => w.Join());
        }

        var entries = AuditLog.Open(layout, Options()).Query(new AuditQuery { Limit = 10_000 });
        Assert.Equal(threads * each, entries.Count);
        Assert.Equal(threads * each, entries.Select(e => e.TokenId).Distinct().Count());
        Assert.Empty(JournalFiles(layout));
    }

    [Fact]
    public void Record_JournalFolderNotWritable_ThrowsASentence()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        Directory.CreateDirectory(layout.Root);
        File.WriteAllText(layout.Absolute("audit"), "a file where the audit folder should be");
        using var trail = AuditTrail.Open(layout, Options());

        var e = Assert.Throws<IOException>(() => trail.Record(Read("A", Noon, "customers", ["c-1"])));

        Assert.StartsWith("The read could not be audited: writing to ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fold_Partitions_PlainDuckDbReadsThemWithHivePartitioning()
    {
        using var dir = new TempDirectory();
        var layout = Layout(dir);
        using (var trail = AuditTrail.Open(layout, Options(AuditKeyMode.Plain)))
        {
            trail.Record(Read("A", Noon, "customers", ["c-1", "c-42"]));
            trail.Record(Read("B", Noon.AddDays(-1), "customers", [], complete: false));
        }

        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var glob = layout.Absolute("audit") + "/day=*/*.parquet";
        using var reader = connection.Query(
            $"SELECT CAST(day AS VARCHAR), agent, on_behalf_of, CAST(time AS VARCHAR), array_to_string(tables, ','), row_count, array_to_string(keys, ','), CAST(keys_complete AS VARCHAR), typeof(time) " +
            $"FROM read_parquet('{glob}', hive_partitioning = 1) ORDER BY time");
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsNull(i) ? "" : DuckDbJson.Text(reader.GetValueOrText(i)!))));
        }

        Assert.Equal(2, rows.Count);
        Assert.StartsWith("2026-12-01|B|ana@example.com|", rows[0], StringComparison.Ordinal);
        Assert.EndsWith("|customers|0||false|TIMESTAMP WITH TIME ZONE", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-12-02|A|", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("|customers|2|c-1,c-42|true|TIMESTAMP WITH TIME ZONE", rows[1], StringComparison.Ordinal);
    }
}
