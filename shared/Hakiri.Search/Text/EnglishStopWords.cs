namespace Hakiri.Search.Text;

/// <summary>The classic English stop list search engines use (33 words), removed by the English analyzer.</summary>
public static class EnglishStopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    };

    /// <summary>The stop words, lower-case.</summary>
    public static IReadOnlySet<string> All => Words;

    /// <summary>Whether the lower-cased <paramref name="word"/> is a stop word.</summary>
    public static bool Contains(string word) => Words.Contains(word);
}
