using Hakiri.Search.FullText;
using Hakiri.Search.Vectors;

namespace Hakiri.Mcp.Search;

/// <summary>
/// Asks a table's sidecars for ranked rows: BM25 over the full-text segments, nearest neighbours over the vector
/// segments (approximate, or exact among the rows a selective filter admits). Returns rows as <see cref="RowKey"/>s.
/// </summary>
internal sealed class CandidateSource(SearchIndexes indexes, TableSearchIndex table)
{
    public IReadOnlyList<Candidate> Lexical(FtsQuery query, int fetch, HashSet<RowKey>? admitted)
    {
        var segments = table.FullText.Select(s => s.Segment).ToList();
        var locators = table.FullText.Select(indexes.Locator).ToList();
        Func<int, long, bool>? allowed = admitted is null ? null : (segment, row) => admitted.Contains(locators[segment][row]);
        var candidates = new List<Candidate>();
        foreach (var hit in Bm25Search.Search(segments, query, fetch, allowed))
        {
            candidates.Add(new Candidate(locators[hit.Segment][hit.Row], hit.Score, hit.Score, null));
        }

        return candidates;
    }

    public IReadOnlyList<Candidate> Semantic(float[] query, int fetch, HashSet<RowKey>? admitted, RowKey? exclude)
    {
        var hits = new List<VectorMatch>();
        foreach (var segment in table.Vectors)
        {
            var locator = indexes.Locator(segment);
            IReadOnlyList<VectorHit> found = admitted is null
                ? segment.Segment.Search(query, fetch + 1)
                : segment.Segment.Exact(query, fetch + 1, row => admitted.Contains(locator[row]));
            foreach (var hit in found)
            {
                hits.Add(new VectorMatch(locator[hit.Row], hit.Distance));
            }
        }

        var metric = table.Vectors.Count > 0 ? table.Vectors[0].Segment.Metric : Hakiri.Model.Manifests.VectorMetric.Cosine;
        return hits.Where(h => h.Key != exclude).OrderBy(h => h.Distance).Take(fetch)
            .Select(h => { var similarity = Similarity(metric, h.Distance); return new Candidate(h.Key, similarity, null, similarity); })
            .ToList();
    }

    /// <summary>The stored vector of the row <paramref name="key"/> names, if it has one.</summary>
    public float[]? VectorOf(RowKey key)
    {
        foreach (var segment in table.Vectors)
        {
            var locator = indexes.Locator(segment);
            for (long row = 0; row < locator.Count; row++)
            {
                if (locator[row] == key)
                {
                    return segment.Segment.TryGetVector(row, out var vector) ? vector.ToArray() : null;
                }
            }
        }

        return null;
    }

    // A class, not a tuple: LINQ over a value type costs the AOT bootstrap its own copy of every iterator (docs/lambda.md).
    private sealed record VectorMatch(RowKey Key, float Distance);

    // Larger is closer whatever the metric: cosine similarity, negative L2 distance, inner product.
    private static double Similarity(Hakiri.Model.Manifests.VectorMetric metric, float distance) =>
        Math.Round(metric == Hakiri.Model.Manifests.VectorMetric.Cosine ? 1.0 - distance : -distance, 6);
}
