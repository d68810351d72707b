namespace Hakiri.Search.Vectors;

/// <summary>A nearby row: its row number in the data file and its distance to the query (smaller is closer: cosine distance 1 - cos, L2 distance, or negative inner product).</summary>
public readonly record struct VectorHit(long Row, float Distance);
