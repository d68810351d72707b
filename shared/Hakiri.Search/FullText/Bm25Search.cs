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
    /// <remarks>
    /// idf = ln(1 + (N - df + 0.5) / (df + 0.5)); a term adds idf · tf · (k1 + 1) / (tf + k1 · (1 - b + b · length / avgdl)).
    /// A phrase adds the sum of its terms' scores in rows where it occurs; equal scores order by segment, then row.
    /// </remarks>
    /// <exception cref="ArgumentException">A segment was built with another analyzer than the query was parsed with.</exception>
    public static IReadOnlyList<FtsHit> Search(IReadOnlyList<FtsSegment> segments, FtsQuery query, int? limit, Func<int, long, bool>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(query);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be zero or more.");
        }

        for (var s = 0; s < segments.Count; s++)
        {
            if (segments[s].Analyzer != query.Analyzer)
            {
                throw new ArgumentException(
                    $"Segment {s} was built with the {segments[s].Analyzer} analyzer but the query was parsed with {query.Analyzer}; parse the query with the index's analyzer.",
                    nameof(query));
            }
        }

        var corpus = Corpus.Of(segments, query);
        if (corpus.DocumentCount == 0 || limit == 0)
        {
            return [];
        }

        var hits = new TopHits(limit);
        for (var s = 0; s < segments.Count; s++)
        {
            new SegmentScorer(segments[s], corpus).Collect(query, s, allowed, hits);
        }

        return hits.Best();
    }
}
