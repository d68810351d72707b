using System.Globalization;
using Xunit.Abstractions;

namespace Hakiri.Search.Tests.FullText;

public sealed class LuceneComparisonTests(ITestOutputHelper output)
{
    // Lucene's stock BM25 stores a document's length in one lossy byte (about 25% steps), which reorders near-ties; with
    // the length kept exactly the ranking must match closely, and with the stock encoding still mostly.
    [Theory]
    [InlineData(true, 0.9)]
    [InlineData(false, 0.75)]
    public void Search_SyntheticCorpus_TopTenOverlapsLuceneBm25(bool exactLengths, double minimum)
    {
        var texts = SyntheticCorpus.Documents(3000);
        using var lucene = new LuceneReference(texts, exactLengths);
        using var sidecars = new Sidecars();
        sidecars.Write(texts);
        var queries = Queries(24);

        var overlaps = queries.Select(query =>
        {
            var ours = sidecars.Search(query, limit: 10).Select(hit => hit.Row).ToHashSet();
            var theirs = lucene.Search(query, 10);
            return theirs.Count == 0 ? 1.0 : (double)theirs.Count(ours.Contains) / theirs.Count;
        }).ToList();

        var average = overlaps.Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact lengths {exactLengths}: average top-10 overlap with Lucene over {queries.Count} queries: {average:F3} (lowest {overlaps.Min():F2})"));
        Assert.True(average >= minimum, string.Create(CultureInfo.InvariantCulture, $"The average top-10 overlap with Lucene is {average:F3}."));
    }

    // One to three words each, from the 500 most frequent words, plus a few with stop words and inflections.
    private static List<string> Queries(int count)
    {
        var random = new Random(7);
        var queries = new List<string> { "the hopeful relational generalizations", "searching indexes", "a quick fox" };
        while (queries.Count < count)
        {
            var words = Enumerable.Range(0, 1 + (queries.Count % 3)).Select(_ => SyntheticCorpus.Vocabulary[random.Next(500)]);
            queries.Add(string.Join(' ', words));
        }

        return queries;
    }
}
