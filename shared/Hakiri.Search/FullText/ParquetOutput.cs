using System.Globalization;
using Apache.Arrow;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.FullText;

/// <summary>Writes a built segment's Parquet files (zstd) through DuckDB, reading Arrow batches as they are decoded.</summary>
internal static class ParquetOutput
{
    public static void Write(DuckDbConnection connection, string directory, SegmentBuilder segment, TermPostings[] terms)
    {
        var rows = segment.Rows.ToArray();
        Copy(connection, ParquetBatches.TermsSchema, ParquetBatches.Terms(terms), Path.Combine(directory, FtsFiles.Terms));
        Copy(connection, ParquetBatches.DocumentsSchema, ParquetBatches.Documents(rows, segment.Lengths.ToArray()), Path.Combine(directory, FtsFiles.Documents));
        Copy(connection, ParquetBatches.PostingsSchema, ParquetBatches.Postings(terms, rows), Path.Combine(directory, FtsFiles.Postings));
        var metadata = string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT {FtsFiles.FormatVersion}::INTEGER AS format_version, '{AnalyzerName(segment.Analyzer)}' AS analyzer, " +
            $"{segment.DocumentCount}::BIGINT AS documents, {segment.TotalLength}::BIGINT AS total_length, " +
            $"{terms.Length}::BIGINT AS terms, {segment.PostingCount}::BIGINT AS postings, " +
            $"{DocumentIndexer.FieldPositionGap}::INTEGER AS field_position_gap");
        connection.Execute($"COPY ({metadata}) TO {Literal(Path.Combine(directory, FtsFiles.Segment))} (FORMAT parquet, COMPRESSION zstd)");
    }

    public static string AnalyzerName(TextAnalyzer analyzer) => analyzer == TextAnalyzer.English ? "english" : "simple";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Copy(DuckDbConnection connection, Schema schema, IEnumerable<RecordBatch> batches, string path)
    {
        var name = "hakiri_fts_" + Guid.NewGuid().ToString("N");
        using var view = connection.RegisterArrowStream(name, new BatchStream(schema, batches));
        connection.Execute($"COPY (SELECT * FROM {name}) TO {Literal(path)} (FORMAT parquet, COMPRESSION zstd)");
    }
}
