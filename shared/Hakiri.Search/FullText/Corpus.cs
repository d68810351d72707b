namespace Hakiri.Search.FullText;

/// <summary>The statistics BM25 needs over every segment searched together, and the query's terms with their idf.</summary>
internal sealed class Corpus
{
    private Corpus(long documentCount, double averageLength, Dictionary<string, double> idf, List<string> terms)
    {
        DocumentCount = documentCount;
        AverageLength = averageLength;
        Idf = idf;
        ScoredTerms = terms;
    }

    public const double K1 = 1.2;

    public const double B = 0.75;

    public long DocumentCount { get; }

    public double AverageLength { get; }

    /// <summary>idf of every term the query may score (words, prefix expansions, phrase terms).</summary>
    public Dictionary<string, double> Idf { get; }

    /// <summary>The terms scored on their own: the query's words then its prefix expansions.</summary>
    public List<string> ScoredTerms { get; }

    public static Corpus Of(IReadOnlyList<FtsSegment> segments, FtsQuery query)
    {
        var documents = segments.Sum(segment => segment.DocumentCount);
        var total = segments.Sum(segment => segment.TotalLength);
        var terms = new List<string>(query.Terms);
        foreach (var prefix in query.Prefixes)
        {
            terms.AddRange(Expand(segments, prefix).Where(term => !terms.Contains(term, StringComparer.Ordinal)));
        }

        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        var scored = new List<string>(terms);
        foreach (var phrase in query.Phrases)
        {
            foreach (var token in phrase)
            {
                scored.Add(token.Term);
            }
        }

        foreach (var term in scored)
        {
            if (!idf.ContainsKey(term))
            {
                var df = DocumentFrequency(segments, term);
                idf[term] = Math.Log(1 + ((documents - df + 0.5) / (df + 0.5)));
            }
        }

        return new Corpus(documents, documents == 0 ? 1 : Math.Max((double)total / documents, double.Epsilon), idf, terms);
    }

    private static long DocumentFrequency(IReadOnlyList<FtsSegment> segments, string term)
    {
        long df = 0;
        foreach (var segment in segments)
        {
            var index = segment.Find(term);
            df += index >= 0 ? segment.DocumentFrequency(index) : 0;
        }

        return df;
    }

    // The most frequent expansions across all segments, so every segment scores the same set.
    private static List<string> Expand(IReadOnlyList<FtsSegment> segments, string prefix)
    {
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            foreach (var term in segment.WithPrefix(prefix))
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + segment.DocumentFrequency(segment.Find(term));
            }
        }

        // Most frequent first, ties by term; the terms are distinct, so the order is total and the sort deterministic.
        var ranked = new List<KeyValuePair<string, long>>(frequencies);
        ranked.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        var kept = new List<string>(Math.Min(ranked.Count, FtsQuery.MaxPrefixExpansions));
        for (var i = 0; i < ranked.Count && i < FtsQuery.MaxPrefixExpansions; i++)
        {
            kept.Add(ranked[i].Key);
        }

        kept.Sort(StringComparer.Ordinal);
        return kept;
    }
}
