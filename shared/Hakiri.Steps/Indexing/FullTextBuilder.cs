using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;

namespace Hakiri.Steps.Indexing;

/// <summary>Builds the full-text sidecar of one data file: its rows stream from one connection into the writer, which uses another.</summary>
internal static class FullTextBuilder
{
    public static (long Rows, long Bytes) Build(DuckDbConnection reader, DuckDbConnection scratch, string dataFile, string directory, IndexesManifest indexes)
    {
        var stats = FtsSegmentWriter.Write(directory, Documents(reader, dataFile, indexes.FullText), indexes.Analyzer, scratch);
        return (stats.Documents, stats.Bytes);
    }

    private static IEnumerable<FtsDocument> Documents(DuckDbConnection reader, string dataFile, IReadOnlyList<string> columns)
    {
        foreach (var (row, values) in DataFileReader.Text(reader, dataFile, columns))
        {
            yield return new FtsDocument(row, values);
        }
    }
}
