using Hakiri.DuckDb;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.Vectors;

/// <summary>Builds the vector sidecar of one data file (OWNED BY THE VECTOR HELPER: signature is the contract).</summary>
public static class VectorSegmentWriter
{
    /// <summary>
    /// Writes <paramref name="rows"/> into <paramref name="directory"/> (created if missing; replaced): the vectors as
    /// Parquet readable by DuckDB (row, text_sha256, vector FLOAT[dimensions]) and, for segments large enough to
    /// need one, the ANN graph. <paramref name="model"/> (the embedding model's identifier, or the source column for
    /// stored embeddings) and <paramref name="metric"/> are recorded with the vectors.
    /// </summary>
    public static VectorSegmentStats Write(string directory, IReadOnlyList<VectorRow> rows, int dimensions, VectorMetric metric, string model, DuckDbConnection scratch) =>
        throw new NotImplementedException();
}
