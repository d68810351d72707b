using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;
using Hakiri.Search.Text;

namespace Hakiri.Search.Tests.FullText;

public sealed class Bm25SearchTests
{
    private static readonly string[] Fruit = ["apple banana", "apple apple cherry", "banana cherry cherry durian"];

    [Fact]
    public void Search_OneTerm_ScoresAsHandComputedBm25()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(Fruit);

        var hits = sidecars.Search("apple");

        // N = 3, avgdl = 3, df = 2: idf = ln(1.6); row 1 has tf 2 and length 3, row 0 tf 1 and length 2.
        Assert.Equal([1L, 0L], hits.Select(hit => hit.Row));
        Assert.Equal(0.6462549902128865, hits[0].Score, 1e-12);
        Assert.Equal(0.5442147286003255, hits[1].Score, 1e-12);
    }

    [Fact]
    public void Search_TwoTerms_RanksRowsByTheSumOfTheirTermScores()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(Fruit);

        var hits = sidecars.Search("apple durian");

        Assert.Equal([2L, 1L, 0L], hits.Select(hit => hit.Row));
        Assert.Equal(0.8631297426503192, hits[0].Score, 1e-12);
    }

    [Fact]
    public void Search_Phrase_MatchesConsecutiveWordsOnlyAndScoresTheirSum()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(["new york city", "york new", "new city york", "old york"]);
        var words = sidecars.Search("new york", limit: null).Single(hit => hit.Row == 0);

        var hit = Assert.Single(sidecars.Search("\"New York\""));

        Assert.Equal(0, hit.Row);
        Assert.Equal(words.Score, hit.Score, 1e-12);
    }

    [Fact]
    public void Search_PhrasesFromTheCorpus_MatchExactlyTheRowsHoldingThem()
    {
        var texts = SyntheticCorpus.Documents(1000);
        using var sidecars = new Sidecars();
        sidecars.Write(texts);
        var analyzed = texts.Select(text => TextAnalysis.Analyze(text, TextAnalyzer.English)).ToList();

        foreach (var row in new[] { 7, 99, 345, 876 })
        {
            var phrase = analyzed[row].Skip(3).Take(2).ToList();
            var text = string.Join(' ', texts[row].Split(' ')[phrase[0].Position..(phrase[1].Position + 1)]);
            var expected = Enumerable.Range(0, texts.Count)
                .Where(r => analyzed[r].Any(first => first.Term == phrase[0].Term
                    && analyzed[r].Contains(new TextToken(phrase[1].Term, first.Position + phrase[1].Position - phrase[0].Position))))
                .Select(r => (long)r);

            var hits = sidecars.Search($"\"{text}\"", limit: null);

            Assert.Contains((long)row, hits.Select(hit => hit.Row));
            Assert.Equal(expected, hits.Select(hit => hit.Row).Order());
        }
    }

    [Fact]
    public void Search_PhraseWithAStopWord_KeepsItsPositionAsAGap()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(["united states of america", "united states america", "america of united states", "united states and america"]);

        var hits = sidecars.Search("\"united states of america\"");

        Assert.Equal([0L, 3L], hits.Select(hit => hit.Row).Order());
    }

    [Fact]
    public void Search_Prefix_ExpandsToDictionaryTermsUnstemmed()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(["apple pie", "application form", "banana", "an APPendix"]);

        var hits = sidecars.Search("APP*");

        Assert.Equal([0L, 1L, 3L], hits.Select(hit => hit.Row).Order());
    }

    [Fact]
    public void Search_ExcludedWord_DropsRowsHoldingIt()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(["fox and dog", "fox alone", "dog alone"]);

        var hits = sidecars.Search("fox -dogs");

        Assert.Equal(1, Assert.Single(hits).Row);
    }

    [Fact]
    public void Search_NonAscii_MatchesLettersAndIdeographs()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(["Die Größe der Straße", "東京タワー", "京都", "naïve café"]);

        Assert.Equal(0, Assert.Single(sidecars.Search("GRÖßE")).Row);
        Assert.Equal(3, Assert.Single(sidecars.Search("CAFÉ")).Row);
        Assert.Equal([1L, 2L], sidecars.Search("東京").Select(hit => hit.Row));
    }

    [Fact]
    public void Search_Allowed_RestrictsRowsButKeepsCorpusStatistics()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(Fruit);
        var all = sidecars.Search("apple cherry");

        var restricted = sidecars.Search("apple cherry", allowed: (segment, row) => row != all[0].Row);

        Assert.Equal(all.Skip(1), restricted);
    }

    [Fact]
    public void Search_SeveralSegments_RanksAsOneSegmentWithTheSameRows()
    {
        var texts = SyntheticCorpus.Documents(600);
        using var one = new Sidecars();
        one.Write(texts);
        using var three = new Sidecars();
        var size = (texts.Count + 2) / 3;
        for (var s = 0; s < 3; s++)
        {
            three.Write(texts.Skip(s * size).Take(size));
        }

        foreach (var query in new[] { "connect", "hopeful relations", "market \"trading price\"", "gener* search" })
        {
            var single = one.Search(query, limit: 25).Select(hit => (hit.Row, hit.Score));
            var split = three.Search(query, limit: 25).Select(hit => ((hit.Segment * size) + hit.Row, hit.Score));
            Assert.Equal(single, split);
        }
    }

    [Fact]
    public void Search_ManyThreadsOnOneSegment_AllGetTheSameHits()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(SyntheticCorpus.Documents(500));
        var expected = sidecars.Search("connect \"hopeful relations\" rat* market");
        var results = new IReadOnlyList<FtsHit>[32];

        Parallel.For(0, results.Length, i => results[i] = sidecars.Search("connect \"hopeful relations\" rat* market"));

        Assert.NotEmpty(expected);
        Assert.All(results, hits => Assert.Equal(expected, hits));
    }

    [Fact]
    public void Search_Limits_NullGivesEveryMatchAndZeroNone()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(Fruit);

        Assert.Equal(3, sidecars.Search("banana apple", limit: null).Count);
        Assert.Single(sidecars.Search("banana apple", limit: 1));
        Assert.Empty(sidecars.Search("banana apple", limit: 0));
    }

    [Fact]
    public void Search_QueryOfAnotherAnalyzer_Throws()
    {
        using var sidecars = new Sidecars();
        sidecars.Write(Fruit, TextAnalyzer.Simple);

        Assert.Throws<ArgumentException>(() => Bm25Search.Search(sidecars.Segments, FtsQuery.Parse("apple", TextAnalyzer.English), 10));
    }
}
