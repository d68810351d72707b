namespace Hakiri.Search.Tests;

/// <summary>
/// A deterministic English-like corpus: ~2,000 words (real roots with inflectional and derivational suffixes) drawn with
/// a Zipf-like distribution, stop words mixed in, plus a few hand-written documents.
/// </summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Roots =
    [
        "connect", "relate", "generate", "condition", "rational", "form", "hope", "electric", "adjust", "depend", "adopt",
        "commune", "active", "effect", "probe", "rate", "cease", "control", "roll", "motor", "plaster", "trouble", "size",
        "hop", "tan", "fall", "hiss", "fail", "file", "happy", "sense", "operate", "predict", "digit", "differ", "analyze",
        "nation", "govern", "develop", "manage", "account", "invest", "market", "price", "trade", "report", "record",
        "search", "index", "query", "store", "table", "column", "engine", "network", "server", "client", "agent", "model",
        "vector", "river", "mountain", "forest", "garden", "flower", "winter", "summer", "travel", "journey", "ocean",
        "island", "harbor", "bridge", "castle", "village", "market", "teach", "learn", "write", "read", "paint", "sing",
        "dance", "build", "design", "measure", "count", "light", "dark", "quick", "slow", "bright", "clear", "strong",
        "weak", "warm", "cold", "kind", "care", "help", "play", "work", "walk", "talk", "speak", "listen", "drive", "fly",
        "swim", "climb", "grow", "plant", "harvest", "cook", "bake", "taste", "smell", "color", "shape", "sound",
    ];

    private static readonly string[] Suffixes =
    [
        "", "s", "ed", "ing", "er", "ers", "ation", "ations", "al", "ally", "ness", "ful", "ive", "ity", "able", "ment",
        "ments", "ize", "ization",
    ];

    private static readonly string[] Stop = ["the", "of", "and", "a", "to", "in", "is", "it", "that", "with", "for", "on"];

    public static IReadOnlyList<string> Vocabulary { get; } = BuildVocabulary();

    public static readonly string[] HandWritten =
    [
        "The quick brown fox jumps over the lazy dog near the river bank.",
        "A search engine ranks documents by BM25: term frequency, inverse document frequency and length.",
        "Phrase queries such as \"united states of america\" must match words at consecutive positions.",
        "Café naïve résumé: Unicode text in a search index, with Größe and Straße.",
        "Hopeful generalizations about relational databases rarely survive their first benchmark.",
    ];

    /// <summary>The corpus: the hand-written documents first, then <paramref name="count"/> generated ones.</summary>
    public static IReadOnlyList<string> Documents(int count, int seed = 14)
    {
        var random = new Random(seed);
        var cumulative = new double[Vocabulary.Count];
        var total = 0.0;
        for (var rank = 0; rank < cumulative.Length; rank++)
        {
            total += 1.0 / (rank + 1);
            cumulative[rank] = total;
        }

        var documents = new List<string>(HandWritten);
        for (var d = 0; d < count; d++)
        {
            var words = new string[random.Next(20, 81)];
            for (var w = 0; w < words.Length; w++)
            {
                words[w] = random.NextDouble() < 0.25 ? Stop[random.Next(Stop.Length)] : Vocabulary[Rank(cumulative, random.NextDouble() * total)];
            }

            documents.Add(string.Join(' ', words));
        }

        return documents;
    }

    private static int Rank(double[] cumulative, double value)
    {
        var index = Array.BinarySearch(cumulative, value);
        return Math.Min(index >= 0 ? index : ~index, cumulative.Length - 1);
    }

    private static List<string> BuildVocabulary()
    {
        var words = Roots.Distinct().SelectMany(root => Suffixes.Select(suffix => Join(root, suffix))).Distinct().ToList();
        var random = new Random(2026);
        for (var i = words.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (words[i], words[j]) = (words[j], words[i]);
        }

        return words;
    }

    // A final e drops before a suffix starting with a vowel (relate + ing = relating).
    private static string Join(string root, string suffix) =>
        root.EndsWith('e') && suffix.Length > 0 && "aeiou".Contains(suffix[0], StringComparison.Ordinal) ? root[..^1] + suffix : root + suffix;
}
