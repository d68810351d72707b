using Hakiri.Model.Manifests;

namespace Hakiri.Search.Text;

/// <summary>Turns text into the terms a full-text index stores, the same way at indexing and at query time.</summary>
public static class TextAnalysis
{
    /// <summary>
    /// The terms of <paramref name="text"/> under <paramref name="analyzer"/>, with positions from
    /// <paramref name="startPosition"/>: Simple lower-cases every word; English also drops a possessive 's, skips stop
    /// words (their positions stay used, so phrases stay exact) and applies the Porter stemmer.
    /// </summary>
    public static List<TextToken> Analyze(string text, TextAnalyzer analyzer, int startPosition = 0)
    {
        var tokens = new List<TextToken>();
        Analyze(text, analyzer, startPosition, tokens);
        return tokens;
    }

    /// <summary>As <see cref="Analyze(string, TextAnalyzer, int)"/>, adding to <paramref name="tokens"/>; returns the next free position.</summary>
    public static int Analyze(string text, TextAnalyzer analyzer, int startPosition, List<TextToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var position = startPosition;
        foreach (var word in WordTokenizer.Words(text))
        {
            var term = Normalize(word, analyzer, stem: true);
            if (term is not null)
            {
                tokens.Add(new TextToken(term, position));
            }

            position++;
        }

        return position;
    }

    /// <summary>
    /// One word as the analyzer would index it, or <see langword="null"/> for an English stop word; with
    /// <paramref name="stem"/> false the Porter stemmer is not applied (for prefix queries).
    /// </summary>
    public static string? Normalize(string word, TextAnalyzer analyzer, bool stem)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = word.ToLowerInvariant();
        if (analyzer == TextAnalyzer.Simple)
        {
            return lower;
        }

        lower = WithoutPossessive(lower);
        if (EnglishStopWords.Contains(lower))
        {
            return null;
        }

        return stem ? PorterStemmer.Stem(lower) : lower;
    }

    private static string WithoutPossessive(string word) =>
        word.Length > 2 && word[^1] == 's' && word[^2] is '\'' or '\u2019' or '\uFF07' ? word[..^2] : word;
}
