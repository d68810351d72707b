using Hakiri.Model.Manifests;
using Hakiri.Search.Text;

namespace Hakiri.Search.Tests.Text;

public sealed class TextAnalysisTests
{
    [Fact]
    public void Analyze_English_DropsPossessivesAndStopWordsAndStemsKeepingPositions()
    {
        var tokens = TextAnalysis.Analyze("The dog's owners are RUNNING to the park, quickly!", TextAnalyzer.English);

        Assert.Equal(
            [new("dog", 1), new("owner", 2), new("run", 4), new("park", 7), new("quickli", 8)],
            tokens);
    }

    [Fact]
    public void Analyze_Simple_LowerCasesEveryWordOnly()
    {
        var tokens = TextAnalysis.Analyze("The Dog's owners ARE running", TextAnalyzer.Simple);

        Assert.Equal(["the", "dog's", "owners", "are", "running"], tokens.Select(token => token.Term));
        Assert.Equal([0, 1, 2, 3, 4], tokens.Select(token => token.Position));
    }

    [Fact]
    public void Analyze_NonAscii_KeepsLettersOfEveryScriptAndSplitsIdeographs()
    {
        var tokens = TextAnalysis.Analyze("Größe ÜBER naïve café — 東京 ελληνικά Кириллица", TextAnalyzer.Simple);

        Assert.Equal(["größe", "über", "naïve", "café", "東", "京", "ελληνικά", "кириллица"], tokens.Select(token => token.Term));
    }

    [Fact]
    public void Words_NumbersApostrophesAndAbbreviations_StayWhole()
    {
        var words = WordTokenizer.Words("Pi is 3.14, not 1,000; don't split U.S.A. or wi-fi_2 (x86).").ToList();

        Assert.Equal(["Pi", "is", "3.14", "not", "1,000", "don't", "split", "U.S.A", "or", "wi", "fi_2", "x86"], words);
    }

    [Fact]
    public void Analyze_StartPosition_OffsetsEveryPosition()
    {
        var tokens = TextAnalysis.Analyze("alpha beta", TextAnalyzer.English, startPosition: 105);

        Assert.Equal([new("alpha", 105), new("beta", 106)], tokens);
    }

    [Fact]
    public void Analyze_OnlyStopWordsAndPunctuation_GivesNothing()
    {
        Assert.Empty(TextAnalysis.Analyze("to be, or not to be — that is...", TextAnalyzer.English));
    }

    [Fact]
    public void EnglishStopWords_ClassicList_Has33Words() => Assert.Equal(33, EnglishStopWords.All.Count);
}
