namespace Hakiri.Model.Manifests;

/// <summary>A pipeline's <c>indexes</c> table: sidecar indexes the index step builds over the table.</summary>
/// <param name="FullText">Columns to index for full-text search; empty when none.</param>
/// <param name="Vector">The vector index, or <see langword="null"/> when none is declared.</param>
public sealed record IndexesManifest(IReadOnlyList<string> FullText, VectorIndexManifest? Vector)
{
    /// <summary>No indexes.</summary>
    public static IndexesManifest None { get; } = new([], null);

    /// <summary>How the full-text index turns text into terms (<c>fts = { analyzer = … }</c>); English by default.</summary>
    public TextAnalyzer Analyzer { get; init; } = TextAnalyzer.English;

    /// <summary>Whether any index is declared.</summary>
    public bool Any => FullText.Count > 0 || Vector is not null;
}

/// <summary>
/// A vector index over one column: either a text column embedded by <see cref="Model"/>, or a column that already holds
/// embeddings of <see cref="Dimensions"/> floats.
/// </summary>
/// <param name="Column">The indexed column: text to embed, or a list of floats.</param>
/// <param name="Dimensions">The number of dimensions of a stored-embedding column; 0 when a model embeds the column (the model decides).</param>
/// <param name="Metric">The distance metric.</param>
public sealed record VectorIndexManifest(string Column, int Dimensions, VectorMetric Metric)
{
    /// <summary>The embedding model's identifier (<c>all-MiniLM-L6-v2</c>, <c>openai-compatible:URL#name</c>), or <see langword="null"/> when the column holds embeddings.</summary>
    public string? Model { get; init; }
}

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
