using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Hakiri.Search.Tests.Text;

/// <summary>Lucene's Porter stemmer, as a reference the tests compare ours with.</summary>
internal static class LuceneStems
{
    public static string Stem(string word)
    {
        using var analyzer = Analyzer.NewAnonymous((field, reader) =>
        {
            var source = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);
            return new TokenStreamComponents(source, new PorterStemFilter(source));
        });
        using var stream = analyzer.GetTokenStream("f", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var result = stream.IncrementToken() ? term.ToString() : "";
        stream.End();
        return result;
    }
}
