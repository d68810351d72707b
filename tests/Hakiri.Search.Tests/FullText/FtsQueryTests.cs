using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;

namespace Hakiri.Search.Tests.FullText;

public sealed class FtsQueryTests
{
    [Fact]
    public void Parse_WordsPhrasesPrefixesExclusions_SplitsAndAnalyzesEach()
    {
        var query = FtsQuery.Parse("Running dogs \"the United States\" gener* -cats", TextAnalyzer.English);

        Assert.Equal(["run", "dog"], query.Terms);
        Assert.Equal([("unit", 1), ("state", 2)], query.Phrases.Single().Select(token => (token.Term, token.Position + 1)));
        Assert.Equal(["gener"], query.Prefixes);
        Assert.Equal(["cat"], query.Excluded);
    }

    [Fact]
    public void Parse_OneWordPhrase_IsAWord()
    {
        var query = FtsQuery.Parse("\"the  Dogs\"", TextAnalyzer.English);

        Assert.Equal(["dog"], query.Terms);
        Assert.Empty(query.Phrases);
    }

    [Fact]
    public void Parse_UnclosedQuote_ThrowsOneSentence()
    {
        var error = Assert.Throws<FormatException>(() => FtsQuery.Parse("apple \"pie crust", TextAnalyzer.English));

        Assert.Equal("The search text has an unclosed quote at character 7; close the phrase with a second \" or remove the quote.", error.Message);
    }

    [Theory]
    [InlineData("the and of")]
    [InlineData("  ... !!")]
    [InlineData("-apple")]
    public void Parse_NothingSearchable_Throws(string text)
    {
        var error = Assert.Throws<FormatException>(() => FtsQuery.Parse(text, TextAnalyzer.English));

        Assert.Contains("no searchable word", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SimpleAnalyzer_KeepsStopWords()
    {
        var query = FtsQuery.Parse("The Running", TextAnalyzer.Simple);

        Assert.Equal(["the", "running"], query.Terms);
    }
}
