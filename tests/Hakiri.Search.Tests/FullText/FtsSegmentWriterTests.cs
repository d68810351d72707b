using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;

namespace Hakiri.Search.Tests.FullText;

public sealed class FtsSegmentWriterTests
{
    private static readonly string[] Texts =
    [
        "The quick brown fox jumps over the lazy dog",
        "A fox, another fox and the foxes",
        null!,
        "Dogs are not cats",
    ];

    [Fact]
    public void Write_Documents_DuckDbReadsTermsPostingsLengthsAndMetadata()
    {
        using var sidecars = new Sidecars();
        var directory = sidecars.Write(Texts);
        string File(string name) => "'" + Path.Combine(directory, name) + "'";

        var terms = sidecars.Rows($"SELECT term, df FROM read_parquet({File(FtsFiles.Terms)})");
        Assert.Equal(terms.Select(row => (string)row[0]!).Order(StringComparer.Ordinal), terms.Select(row => (string)row[0]!));
        Assert.Contains(terms, row => (string)row[0]! == "fox" && (int)row[1]! == 2);
        Assert.Contains(terms, row => (string)row[0]! == "dog" && (int)row[1]! == 2);

        var posting = Assert.Single(sidecars.Rows(
            $"SELECT row, tf, positions::VARCHAR FROM read_parquet({File(FtsFiles.Postings)}) WHERE term = 'fox' AND row = 1"));
        Assert.Equal(new object?[] { 1L, 3, "[1, 3, 6]" }, posting);

        Assert.Equal(
            new[] { new object?[] { 0L, 7 }, [1L, 4], [2L, 0], [3L, 2] },
            sidecars.Rows($"SELECT row, length FROM read_parquet({File(FtsFiles.Documents)}) ORDER BY row"));
        var metadata = Assert.Single(sidecars.Rows(
            $"SELECT format_version, analyzer, documents, total_length, terms, postings FROM read_parquet({File(FtsFiles.Segment)})"));
        Assert.Equal(new object?[] { 1, "english", 4L, 13L, (long)terms.Count, 11L }, metadata);
        var codecs = sidecars.Rows($"SELECT DISTINCT compression FROM parquet_metadata({File(FtsFiles.Postings)})");
        Assert.Equal("ZSTD", Assert.Single(codecs)[0]);
    }

    [Fact]
    public void Write_Documents_ReturnsStatsOfTheSidecar()
    {
        using var sidecars = new Sidecars();
        var directory = Path.Combine(sidecars.Root, "one");

        var stats = FtsSegmentWriter.Write(directory, Texts.Select((text, row) => new FtsDocument(row, [text])), TextAnalyzer.English, sidecars.Connection);

        Assert.Equal(4, stats.Documents);
        Assert.Equal(11, stats.Postings);
        Assert.Equal(FtsFiles.All.Sum(name => new FileInfo(Path.Combine(directory, name)).Length), stats.Bytes);
        Assert.Equal(
            (long)sidecars.Rows($"SELECT count(*) FROM read_parquet('{Path.Combine(directory, FtsFiles.Terms)}')")[0][0]!,
            stats.Terms);
    }

    [Fact]
    public void Write_SeveralColumns_PhraseDoesNotSpanTwoColumns()
    {
        using var sidecars = new Sidecars();
        sidecars.Write([new FtsDocument(0, ["red apple", "pie crust"]), new FtsDocument(1, ["apple pie", null])]);

        var hit = Assert.Single(sidecars.Search("\"apple pie\""));

        Assert.Equal(1, hit.Row);
    }

    [Fact]
    public void Write_DirectoryWithAnOlderSidecar_ReplacesIt()
    {
        using var sidecars = new Sidecars();
        var directory = Path.Combine(sidecars.Root, "again");
        FtsSegmentWriter.Write(directory, [new FtsDocument(0, ["zebra"])], TextAnalyzer.English, sidecars.Connection);

        FtsSegmentWriter.Write(directory, [new FtsDocument(0, ["lion"])], TextAnalyzer.Simple, sidecars.Connection);

        using var segment = FtsSegment.Open(directory);
        Assert.Equal(TextAnalyzer.Simple, segment.Analyzer);
        Assert.Empty(Bm25Search.Search([segment], FtsQuery.Parse("zebra", TextAnalyzer.Simple), 10));
        Assert.Single(Bm25Search.Search([segment], FtsQuery.Parse("lion", TextAnalyzer.Simple), 10));
    }

    [Fact]
    public void Open_AcceleratorMissing_RebuildsItFromParquetWithTheSameResults()
    {
        using var sidecars = new Sidecars();
        var directory = sidecars.Write(SyntheticCorpus.Documents(300));
        var expected = sidecars.Search("connect \"hopeful generalizations\" rat*", limit: null);
        sidecars.Segments[0].Dispose();
        var accelerator = Path.Combine(directory, FtsFiles.Accelerator);
        var original = File.ReadAllBytes(accelerator);
        File.Delete(accelerator);

        using var reopened = FtsSegment.Open(directory);

        Assert.Equal(original, File.ReadAllBytes(accelerator));
        Assert.Equal(expected, Bm25Search.Search([reopened], FtsQuery.Parse("connect \"hopeful generalizations\" rat*", TextAnalyzer.English), null));
    }

    [Fact]
    public void Open_DirectoryWithoutSidecar_ThrowsFileNotFound()
    {
        using var sidecars = new Sidecars();

        var error = Assert.Throws<FileNotFoundException>(() => FtsSegment.Open(sidecars.Root));

        Assert.Contains("rebuild", error.Message, StringComparison.Ordinal);
    }
}
