namespace Hakiri.Search.FullText;

/// <summary>BM25 ranking across segments (OWNED BY THE FULL-TEXT HELPER).</summary>
public static class Bm25Search
{
    /// <summary>
    /// Scores <paramref name="query"/> over all <paramref name="segments"/> as one corpus (document count, average length
    /// and document frequencies summed across them; k1 = 1.2, b = 0.75). Returns hits best first: the top
    /// <paramref name="limit"/>, or every match when <see langword="null"/>. <paramref name="allowed"/> (segment index, row)
    /// restricts scoring to those rows (corpus statistics stay those of the whole corpus).
    /// </summary>
    public static IReadOnlyList<FtsHit> Search(IReadOnlyList<FtsSegment> segments, FtsQuery query, int? limit, Func<int, long, bool>? allowed = null) =>
        throw new NotImplementedException();
}
