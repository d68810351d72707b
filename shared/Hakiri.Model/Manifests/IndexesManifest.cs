namespace Hakiri.Model.Manifests;

/// <summary>A pipeline's <c>indexes</c> table: sidecar indexes the index step builds over the table.</summary>
/// <param name="FullText">Columns to index for full-text search; empty when none.</param>
/// <param name="Vector">The vector index, or <see langword="null"/> when none is declared.</param>
public sealed record IndexesManifest(IReadOnlyList<string> FullText, VectorIndexManifest? Vector)
{
    /// <summary>No indexes.</summary>
    public static IndexesManifest None { get; } = new([], null);

    /// <summary>Whether any index is declared.</summary>
    public bool Any => FullText.Count > 0 || Vector is not null;
}

/// <summary>A vector index over one embedding column.</summary>
/// <param name="Column">The column holding the embeddings (a list of floats).</param>
/// <param name="Dimensions">The number of dimensions of every embedding.</param>
/// <param name="Metric">The distance metric.</param>
public sealed record VectorIndexManifest(string Column, int Dimensions, VectorMetric Metric);

/// <summary>Distance metrics of a vector index.</summary>
public enum VectorMetric
{
    /// <summary>Cosine distance.</summary>
    Cosine,

    /// <summary>Euclidean (L2) distance.</summary>
    L2,

    /// <summary>Negative inner product.</summary>
    InnerProduct,
}
