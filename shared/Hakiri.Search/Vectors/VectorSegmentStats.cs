namespace Hakiri.Search.Vectors;

/// <summary>What building one vector sidecar produced.</summary>
/// <param name="Vectors">Vectors stored.</param>
/// <param name="Graph">Whether an approximate-nearest-neighbour graph was built (small segments are searched exactly).</param>
/// <param name="Bytes">Bytes of the sidecar's files on disk.</param>
public sealed record VectorSegmentStats(long Vectors, bool Graph, long Bytes);
