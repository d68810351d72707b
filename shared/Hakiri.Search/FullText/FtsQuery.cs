using System.Text;
using Hakiri.Model.Manifests;
using Hakiri.Search.Text;

namespace Hakiri.Search.FullText;

/// <summary>A parsed search string (OWNED BY THE FULL-TEXT HELPER): words, "quoted phrases", prefix* terms.</summary>
/// <remarks>
/// Words are alternatives ranked by BM25 (a row matching more of them ranks higher); a "quoted phrase" matches rows
/// holding its words at consecutive positions; <c>word*</c> matches terms starting with the word (not stemmed; the 64
/// most frequent expansions); <c>-word</c> drops rows holding the word.
/// </remarks>
public sealed class FtsQuery
{
    /// <summary>The most dictionary terms one prefix expands to (the most frequent ones).</summary>
    public const int MaxPrefixExpansions = 64;

    private FtsQuery(TextAnalyzer analyzer, List<string> terms, List<IReadOnlyList<TextToken>> phrases, List<string> prefixes, List<string> excluded)
    {
        Analyzer = analyzer;
        Terms = terms;
        Phrases = phrases;
        Prefixes = prefixes;
        Excluded = excluded;
    }

    /// <summary>The analyzer the text was parsed with (it must be the segments' analyzer).</summary>
    public TextAnalyzer Analyzer { get; }

    /// <summary>The distinct analyzed words, each scored on its own.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The phrases: analyzed terms with their positions relative to the phrase's start (stop words leave gaps).</summary>
    public IReadOnlyList<IReadOnlyList<TextToken>> Phrases { get; }

    /// <summary>The prefixes (lower-cased, not stemmed).</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>Analyzed words whose rows are left out.</summary>
    public IReadOnlyList<string> Excluded { get; }

    /// <summary>
    /// Parses <paramref name="text"/> with the analyzer the index was built with.
    /// </summary>
    /// <exception cref="FormatException">The text cannot be searched (e.g. an unclosed quote, or nothing left after stop words); the message is one sentence saying what to change.</exception>
    public static FtsQuery Parse(string text, TextAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var phrases = new List<IReadOnlyList<TextToken>>();
        var prefixes = new List<string>();
        var excluded = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new FormatException($"The search text has an unclosed quote at character {i + 1}; close the phrase with a second \" or remove the quote.");
                }

                AddPhrase(TextAnalysis.Analyze(text[(i + 1)..close], analyzer), terms, phrases);
                i = close + 1;
                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
            {
                end++;
            }

            AddChunk(text[i..end], analyzer, terms, prefixes, excluded);
            i = end;
        }

        if (terms.Count == 0 && phrases.Count == 0 && prefixes.Count == 0)
        {
            throw new FormatException(
                $"The search text \"{text}\" has no searchable word (only stop words, punctuation or excluded words); add a word that is not a stop word.");
        }

        return new FtsQuery(analyzer, terms.Distinct(StringComparer.Ordinal).ToList(), phrases, prefixes.Distinct(StringComparer.Ordinal).ToList(), excluded);
    }

    private static void AddPhrase(List<TextToken> tokens, List<string> terms, List<IReadOnlyList<TextToken>> phrases)
    {
        if (tokens.Count == 1)
        {
            terms.Add(tokens[0].Term);
        }
        else if (tokens.Count > 1)
        {
            var start = tokens[0].Position;
            phrases.Add(tokens.ConvertAll(token => token with { Position = token.Position - start }));
        }
    }

    private static void AddChunk(string chunk, TextAnalyzer analyzer, List<string> terms, List<string> prefixes, List<string> excluded)
    {
        if (chunk.Length > 1 && chunk[0] == '-')
        {
            excluded.AddRange(TextAnalysis.Analyze(chunk[1..], analyzer).ConvertAll(token => token.Term));
            return;
        }

        if (chunk.EndsWith('*'))
        {
            var words = WordTokenizer.Words(chunk.TrimEnd('*')).ToList();
            for (var w = 0; w < words.Count - 1; w++)
            {
                terms.AddRange(TextAnalysis.Analyze(words[w], analyzer).ConvertAll(token => token.Term));
            }

            if (words.Count > 0)
            {
                prefixes.Add(TextAnalysis.Normalize(words[^1], analyzer, stem: false) ?? words[^1].ToLowerInvariant());
            }

            return;
        }

        terms.AddRange(TextAnalysis.Analyze(chunk, analyzer).ConvertAll(token => token.Term));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendJoin(' ', Terms);
        foreach (var phrase in Phrases)
        {
            text.Append(" \"");
            for (var i = 0; i < phrase.Count; i++)
            {
                text.Append(i > 0 ? " " : string.Empty).Append(phrase[i].Term);
            }

            text.Append('"');
        }

        foreach (var prefix in Prefixes)
        {
            text.Append(' ').Append(prefix).Append('*');
        }

        foreach (var word in Excluded)
        {
            text.Append(" -").Append(word);
        }

        return text.ToString().Trim();
    }
}
