namespace Hakiri.Mcp.Search;

/// <summary>Reciprocal rank fusion: each list adds 1 / (k + rank) for the rows it ranks (k = 60, ranks from 1).</summary>
internal static class Rrf
{
    public const int K = 60;

    public static List<Candidate> Fuse(IReadOnlyList<Candidate> lexical, IReadOnlyList<Candidate> semantic)
    {
        var fused = new Dictionary<RowKey, (double Score, double? Bm25, double? Similarity)>();
        for (var i = 0; i < lexical.Count; i++)
        {
            var c = lexical[i];
            fused[c.Key] = (1.0 / (K + i + 1), c.Bm25, null);
        }

        for (var i = 0; i < semantic.Count; i++)
        {
            var c = semantic[i];
            var add = 1.0 / (K + i + 1);
            fused[c.Key] = fused.TryGetValue(c.Key, out var had) ? (had.Score + add, had.Bm25, c.Similarity) : (add, null, c.Similarity);
        }

        var candidates = new List<Candidate>(fused.Count);
        foreach (var (key, value) in fused)
        {
            candidates.Add(new Candidate(key, value.Score, value.Bm25, value.Similarity));
        }

        return candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Key.Source, StringComparer.Ordinal).ThenBy(c => c.Key.Record).ToList();
    }
}
