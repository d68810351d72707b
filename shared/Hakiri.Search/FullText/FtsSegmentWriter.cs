using Hakiri.DuckDb;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.FullText;

/// <summary>Builds the full-text sidecar of one data file (OWNED BY THE FULL-TEXT HELPER: signature is the contract).</summary>
public static class FtsSegmentWriter
{
    /// <summary>
    /// Analyzes <paramref name="documents"/> and writes the sidecar's Parquet files into <paramref name="directory"/>
    /// (created if missing; files already there are replaced). <paramref name="scratch"/> is a DuckDB connection the
    /// writer may use to write Parquet.
    /// </summary>
    public static FtsSegmentStats Write(string directory, IEnumerable<FtsDocument> documents, TextAnalyzer analyzer, DuckDbConnection scratch)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(scratch);
        Directory.CreateDirectory(directory);
        foreach (var name in FtsFiles.All)
        {
            File.Delete(Path.Combine(directory, name));
        }

        var builder = new SegmentBuilder(analyzer);
        var indexer = new DocumentIndexer(builder);
        foreach (var document in documents)
        {
            indexer.Add(document);
        }

        var terms = builder.SortedTerms();
        ParquetOutput.Write(scratch, directory, builder, terms);
        Accelerator.Write(Path.Combine(directory, FtsFiles.Accelerator), builder, terms);
        var bytes = FtsFiles.All.Sum(name => new FileInfo(Path.Combine(directory, name)).Length);
        return new FtsSegmentStats(builder.DocumentCount, terms.Length, builder.PostingCount, bytes);
    }
}
