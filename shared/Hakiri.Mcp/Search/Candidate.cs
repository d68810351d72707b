namespace Hakiri.Mcp.Search;

/// <summary>A row the indexes propose, with its score components (null when that part did not rank it).</summary>
internal sealed record Candidate(RowKey Key, double Score, double? Bm25, double? Similarity);
