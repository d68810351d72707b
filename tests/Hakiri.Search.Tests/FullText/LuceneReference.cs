using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Hakiri.Search.Tests.FullText;

/// <summary>The same corpus indexed by Lucene.Net (EnglishAnalyzer, BM25Similarity, one field): the ranking we compare with.</summary>
internal sealed class LuceneReference : IDisposable
{
    private const string Field = "text";
    private readonly RAMDirectory _directory = new();
    private readonly EnglishAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    /// <summary>Indexes <paramref name="texts"/> (row = position); <paramref name="exactLengths"/> stores each length exactly (up to 255 terms) instead of Lucene's lossy one-byte norm.</summary>
    public LuceneReference(IReadOnlyList<string> texts, bool exactLengths)
    {
        BM25Similarity similarity = exactLengths ? new ExactLengthBm25() : new BM25Similarity();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = similarity };
        using (var writer = new IndexWriter(_directory, config))
        {
            for (var row = 0; row < texts.Count; row++)
            {
                writer.AddDocument(new Document
                {
                    new StoredField("row", row),
                    new TextField(Field, texts[row], Lucene.Net.Documents.Field.Store.NO),
                });
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = similarity };
    }

    /// <summary>The rows of the top <paramref name="limit"/> for the words of <paramref name="text"/> (any of them).</summary>
    public List<long> Search(string text, int limit)
    {
        var query = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream(Field, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                query.Add(new TermQuery(new Term(Field, term.ToString())), Occur.SHOULD);
            }

            stream.End();
        }

        return _searcher.Search(query, limit).ScoreDocs.Select(hit => (long)_searcher.Doc(hit.Doc).GetField("row").GetInt32Value()!.Value).ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    // BM25Similarity with the document length kept exactly in the norm byte (the corpus's documents are shorter than 256 terms).
    private sealed class ExactLengthBm25 : BM25Similarity
    {
        protected override byte EncodeNormValue(float boost, int fieldLength) => (byte)Math.Min(fieldLength, 255);

        protected override float DecodeNormValue(byte b) => b;
    }
}
