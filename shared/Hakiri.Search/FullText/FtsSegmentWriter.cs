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
    public static FtsSegmentStats Write(string directory, IEnumerable<FtsDocument> documents, TextAnalyzer analyzer, DuckDbConnection scratch) =>
        throw new NotImplementedException();
}
