using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;

namespace Hakiri.Steps.Indexing;

/// <summary>Builds the full-text sidecar of one data file: its rows stream from one connection into the writer, which uses another.</summary>
internal static class FullTextBuilder
{
    public static (long Rows, long Bytes) Build(DuckDbConnection reader, DuckDbConnection scratch, string dataFile, string directory, IndexesManifest indexes)
    {
        var documents = DataFileReader.Text(reader, dataFile, indexes.FullText).Select(r => new FtsDocument(r.Row, r.Values));
        var stats = FtsSegmentWriter.Write(directory, documents, indexes.Analyzer, scratch);
        return (stats.Documents, stats.Bytes);
    }
}
