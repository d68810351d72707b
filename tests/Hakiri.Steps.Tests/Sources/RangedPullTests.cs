using System.Globalization;
using System.Text;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Sources;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Steps.Tests.Sources;

// A large NDJSON or CSV file is converted in byte ranges at the same time (ADR 0030). What lands must be what one pass lands:
// the same rows, each with its record number in the file, the newest row per key winning across ranges, and the same
// error sentence when a line is bad.
public sealed class RangedPullTests
{
    private const string Manifest = """
        [project]
        name = "p"
        [pipelines.events.source]
        connector = "file"
        path = "in/*.ndjson"
        """;

    private static readonly string CsvManifest = Manifest.Replace("in/*.ndjson", "in/*.csv", StringComparison.Ordinal);

    private static readonly StepOptions Ranged = new() { PullRanges = 3, MinRangeBytes = 4096 };
    private static readonly StepOptions OnePass = new() { PullRanges = 1 };

    // Records with nested objects, lists, nulls and non-ASCII text, with blank and whitespace-only lines between some
    // and CRLF line ends on others: none of those count as records, for DuckDB or for the range split.
    private static string Records(int count, Func<int, int>? id = null)
    {
        var text = new StringBuilder();
        for (var n = 1; n <= count; n++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"id\": {(id ?? (i => i))(n)}, \"n\": {n}, \"who\": {{\"name\": \"Zoë {n}\", \"city\": {(n % 7 == 0 ? "null" : "\"Kraków\"")}}}, \"tags\": [\"a\", \"b{n % 3}\"]}}");
            text.Append(n % 5 == 0 ? "\r\n" : "\n");
            if (n % 97 == 0)
            {
                text.Append(n % 2 == 0 ? "\n" : "  \t\r\n");
            }
        }

        return text.ToString();
    }

    [Fact]
    public void Split_CountsRecordsPerRange_AndCopiesEveryByteAfterTheFirst()
    {
        using var directory = new TempDirectory();
        var content = Records(2000) + "{\"id\": 0, \"n\": 2001}";
        var path = directory.Write("a.ndjson", content);
        // Through a symbolic link, as a source path may be: the link's own length must not decide the split.
        var link = Path.Combine(directory.Path, "link.ndjson");
        File.CreateSymbolicLink(link, path);

        var ranges = TextRanges.Split(link, csv: false, 3, 4096, range => Path.Combine(directory.Path, $"a.r{range}"));

        Assert.NotNull(ranges);
        Assert.Equal(3, ranges.Count);
        Assert.Equal(link, ranges[0].ReadPath);
        Assert.Equal(2001, ranges.Sum(r => r.Records));
        Assert.Equal([0, ranges[0].Records, ranges[0].Records + ranges[1].Records], ranges.Select(r => r.RecordsBefore));
        var bytes = File.ReadAllBytes(path);
        var copied = ranges.Skip(1).SelectMany(r => File.ReadAllBytes(r.ReadPath)).ToArray();
        Assert.Equal(bytes[^copied.Length..], copied);
        Assert.Equal((byte)'\n', bytes[^(copied.Length + 1)]);
        foreach (var range in ranges.Skip(1))
        {
            var text = File.ReadAllText(range.ReadPath);
            Assert.Equal(range.Records, text.Split('\n').Count(line => !string.IsNullOrWhiteSpace(line)));
        }
    }

    // CSV records with quoted fields that hold commas, doubled quotes and line breaks, non-ASCII text and empty fields:
    // a line break inside quotes ends no record. (DuckDB refuses an empty line within a CSV file, and its sniffer one
    // that mixes CRLF and LF line ends.)
    private static string CsvRecords(int count, string lineEnd = "\n")
    {
        var text = new StringBuilder("id,n,name,note" + lineEnd);
        for (var n = 1; n <= count; n++)
        {
            var note = (n % 4) switch
            {
                0 => $"\"line one\nline \"\"two\"\", {n}\"",
                1 => string.Empty,
                2 => $"\"Łódź, {n}\"",
                _ => "plain",
            };
            text.Append(CultureInfo.InvariantCulture, $"{n},{n},Zoë {n},{note}");
            text.Append(lineEnd);
        }

        return text.ToString();
    }

    [Fact]
    public void Split_Csv_BreaksOnlyOutsideQuotes_AndHeadsEveryCopy()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("a.csv", CsvRecords(2000));

        var ranges = TextRanges.Split(path, csv: true, 3, 4096, range => Path.Combine(directory.Path, $"a.r{range}"));

        Assert.NotNull(ranges);
        Assert.Equal(3, ranges.Count);
        Assert.Equal(2000, ranges.Sum(r => r.Records));
        foreach (var range in ranges.Skip(1))
        {
            var text = File.ReadAllText(range.ReadPath);
            Assert.StartsWith("id,n,name,note\n", text, StringComparison.Ordinal);
            // The copy starts with a whole record: its first row's id is the record number after the ranges before.
            Assert.StartsWith($"id,n,name,note\n{range.RecordsBefore + 1},", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Run_LargeCsvInRanges_LandsWhatOnePassLands(string lineEnd)
    {
        var content = CsvRecords(3000, lineEnd);

        var ranged = await Land(CsvManifest, Ranged, content, "a.csv", "SELECT _hakiri_record, n, id, name, note FROM events ORDER BY n");
        var whole = await Land(CsvManifest, OnePass, content, "a.csv", "SELECT _hakiri_record, n, id, name, note FROM events ORDER BY n");

        Assert.Equal(3000, ranged.Rows.Count);
        Assert.Equal(whole.Rows, ranged.Rows);
        Assert.All(ranged.Rows, row => Assert.Equal(row.Split('|')[0], row.Split('|')[1]));
        Assert.Equal(3, ranged.DataFiles);
    }

    [Fact]
    public async Task Run_CsvRowWithAnExtraFieldInALaterRange_FailsAsOnePassDoes()
    {
        var content = CsvRecords(3000).Replace("\n2900,2900,Zoë 2900,", "\n2900,2900,Zoë 2900,extra,", StringComparison.Ordinal);

        var ranged = await Assert.ThrowsAsync<StepFailedException>(() => Land(CsvManifest, Ranged, content, "a.csv", "SELECT 1"));
        var whole = await Assert.ThrowsAsync<StepFailedException>(() => Land(CsvManifest, OnePass, content, "a.csv", "SELECT 1"));

        Assert.Equal(StepErrors.BadInput, ranged.ErrorName);
        Assert.Equal(whole.Message, ranged.Message);
    }

    // A file of several read buffers (1 MiB), where most are plain (counted by line breaks alone) and some hold what
    // needs a closer look (blank lines, quoted line breaks): the counts must be those of a line-by-line reading.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Split_FileOfManyBuffers_CountsAsReadLineByLine(bool csv)
    {
        using var directory = new TempDirectory();
        var text = new StringBuilder(csv ? "id,note\n" : string.Empty);
        for (var n = 1; n <= 200_000; n++)
        {
            var odd = n is > 20_000 and < 20_050 || n % 25_000 == 0;
            text.Append(csv
                ? string.Create(CultureInfo.InvariantCulture, $"{n},{(odd ? "\"two\nlines\"" : "Łódź straße")}\n")
                : string.Create(CultureInfo.InvariantCulture, $"{{\"n\": {n}, \"note\": \"Łódź straße\"}}\n{(!odd ? string.Empty : n % 2 == 0 ? "\n" : "  \r\n")}"));
        }

        var path = directory.Write(csv ? "a.csv" : "a.ndjson", text.ToString());
        var ranges = TextRanges.Split(path, csv, 3, 1 << 20, range => Path.Combine(directory.Path, $"a.r{range}"));

        Assert.NotNull(ranges);
        Assert.Equal(3, ranges.Count);
        Assert.Equal(200_000, ranges.Sum(r => r.Records));
        foreach (var range in ranges.Skip(1))
        {
            // Each copy starts at the record after those counted before it.
            var first = File.ReadLines(range.ReadPath).Skip(csv ? 1 : 0).First();
            Assert.StartsWith(csv ? $"{range.RecordsBefore + 1}," : $"{{\"n\": {range.RecordsBefore + 1},", first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Split_SmallFileOrOneRange_StaysWhole()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("a.ndjson", Records(10));

        Assert.Null(TextRanges.Split(path, csv: false, 4, 1 << 20, range => Path.Combine(directory.Path, $"a.r{range}")));
        Assert.Null(TextRanges.Split(path, csv: false, 1, 16, range => Path.Combine(directory.Path, $"a.r{range}")));
        Assert.Equal(["a.ndjson"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Run_LargeFileInRanges_LandsWhatOnePassLands()
    {
        var content = Records(3000);

        var ranged = await Land(Manifest, Ranged, content);
        var whole = await Land(Manifest, OnePass, content);

        Assert.Equal(3000, ranged.Rows.Count);
        Assert.Equal(whole.Rows, ranged.Rows);
        // Every row's record number is its record's place in the file: the record says it too ("n").
        Assert.All(ranged.Rows, row => Assert.Equal(row.Split('|')[0], row.Split('|')[1]));
        Assert.Equal(3, ranged.DataFiles);
        Assert.Equal(1, whole.DataFiles);
    }

    [Fact]
    public async Task Run_RangesLandAsOneFileGroup_WhichCompactionCountsOnce()
    {
        using var project = new TestProject(Manifest) { Options = Ranged with { CompactMinFiles = 2 } };
        project.Write("in/a.ndjson", Records(3000));

        await project.RunAsync();
        var afterFirst = project.DataFiles("events").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        // One file, one ingestion time, whichever range a row came from.
        Assert.Equal(1, project.Count($"SELECT count(DISTINCT {ProvenanceColumns.IngestedAt}) FROM events"));
        project.Write("in/b.ndjson", "{\"id\": 0, \"n\": 0}\n");
        await project.RunAsync();

        // Three ranges of one file are one group: alone they stay as they are, with a second file they are compacted.
        Assert.Equal(["part-000000.parquet", "part-000000.r01.parquet", "part-000000.r02.parquet"], afterFirst);
        Assert.Single(project.DataFiles("events"));
        Assert.Equal(3001, project.Count("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Run_MoreThanOneDuckDbThread_ConvertsInOnePassOnThem()
    {
        using var project = new TestProject(Manifest) { Options = Ranged with { DuckDbThreads = 2 } };
        project.Write("in/a.ndjson", Records(3000));

        await project.RunAsync();

        Assert.Equal(["part-000000.parquet"], project.DataFiles("events").Select(f => Path.GetFileName(f)).ToArray());
        Assert.Equal(3000, project.Count("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Run_KeyRepeatedInALaterRange_TheLaterRecordWins()
    {
        const string keyed = Manifest + "\n[pipelines.events]\nprimary_key = [\"id\"]\n";
        // Ids repeat every 1000 records: the file's last three ranges each hold a newer copy of the first range's ids.
        var content = Records(3000, n => ((n - 1) % 1000) + 1);

        var ranged = await Land(keyed, Ranged, content);
        var whole = await Land(keyed, OnePass, content);

        Assert.Equal(1000, ranged.Rows.Count);
        Assert.Equal(whole.Rows, ranged.Rows);
        Assert.All(ranged.Rows, row => Assert.True(int.Parse(row.Split('|')[1], CultureInfo.InvariantCulture) > 2000, row));
    }

    [Fact]
    public async Task Run_BadLineInALaterRange_FailsAsOnePassDoes_NothingStaysStaged()
    {
        var lines = Records(3000).Split('\n');
        lines[2500] = "{\"id\": 2500, \"n\": ";
        var content = string.Join('\n', lines);

        var ranged = await Assert.ThrowsAsync<StepFailedException>(() => Land(Manifest, Ranged, content));
        var whole = await Assert.ThrowsAsync<StepFailedException>(() => Land(Manifest, OnePass, content));

        Assert.Equal(StepErrors.BadInput, ranged.ErrorName);
        Assert.Equal(whole.Message, ranged.Message);
        Assert.Contains("in/a.ndjson", ranged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_RetriedInOnePass_LeavesNoRangeOfTheEarlierTry()
    {
        using var project = new TestProject(Manifest) { Options = Ranged };
        project.Write("in/a.ndjson", Records(3000));
        var context = project.Context();
        await DiscoverStep.RunAsync(context, new DiscoverInput("run-1", []));
        var staging = project.Layout.Absolute(Hakiri.Store.StoreLayout.StagingPrefix("run-1", "events"));
        var pull = new PullBatchInput("run-1", "events", "events", null);

        var first = await PullBatchStep.RunAsync(context, pull);
        var firstFiles = PullBatchStep.BatchFiles(staging, 0);
        var firstBytes = firstFiles.Sum(f => new FileInfo(f).Length);
        var retried = await PullBatchStep.RunAsync(new StepContext(context.Manifest, project.Layout, options: OnePass), pull);

        Assert.Equal(3, firstFiles.Count);
        Assert.Equal(3000, first.Rows);
        Assert.Equal(firstBytes, first.Bytes);
        Assert.Equal(3000, retried.Rows);
        Assert.Equal([Path.Combine(staging, "batch-000000.parquet")], PullBatchStep.BatchFiles(staging, 0));
        Assert.Empty(Directory.GetFiles(staging, "*.ndjson"));
        Assert.Empty(Directory.GetFiles(staging, "*.tmp"));
    }

    private static async Task<(List<string> Rows, int DataFiles)> Land(
        string manifest, StepOptions options, string content, string file = "a.ndjson", string query = "SELECT _hakiri_record, n, id, who.name, who.city, tags FROM events ORDER BY n")
    {
        using var project = new TestProject(manifest) { Options = options };
        project.Write("in/" + file, content);
        await project.RunAsync();
        var rows = project.Query(query)
            .Select(r => string.Join('|', r.Select(v => v is System.Collections.IEnumerable and not string ? string.Join(',', ((System.Collections.IEnumerable)v).Cast<object>()) : v?.ToString() ?? "null")))
            .ToList();
        return (rows, project.DataFiles("events").Length);
    }
}
