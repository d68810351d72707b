namespace Hakiri.Search.FullText;

/// <summary>What building one full-text sidecar produced.</summary>
/// <param name="Documents">Rows indexed (rows whose indexed columns are all null count, with length 0).</param>
/// <param name="Terms">Distinct terms.</param>
/// <param name="Postings">(term, row) pairs.</param>
/// <param name="Bytes">Bytes of the sidecar's files on disk.</param>
public sealed record FtsSegmentStats(long Documents, long Terms, long Postings, long Bytes);
