using Hakiri.Model.Manifests;

namespace Hakiri.Search.FullText;

/// <summary>A parsed search string (OWNED BY THE FULL-TEXT HELPER): words, "quoted phrases", prefix* terms.</summary>
public sealed class FtsQuery
{
    private FtsQuery()
    {
    }

    /// <summary>
    /// Parses <paramref name="text"/> with the analyzer the index was built with.
    /// </summary>
    /// <exception cref="FormatException">The text cannot be searched (e.g. an unclosed quote, or nothing left after stop words); the message is one sentence saying what to change.</exception>
    public static FtsQuery Parse(string text, TextAnalyzer analyzer) => throw new NotImplementedException();
}
