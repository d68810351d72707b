namespace Hakiri.Search.FullText;

/// <summary>A matching row: which segment (index into the list searched), its row in that segment's data file, its BM25 score.</summary>
public readonly record struct FtsHit(int Segment, long Row, double Score);
