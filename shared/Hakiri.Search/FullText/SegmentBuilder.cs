using Hakiri.Model.Manifests;

namespace Hakiri.Search.FullText;

/// <summary>The whole segment in compact form while it is built: documents (row, length) and every term's postings.</summary>
internal sealed class SegmentBuilder(TextAnalyzer analyzer)
{
    private readonly Dictionary<string, TermPostings> _terms = new(StringComparer.Ordinal);
    private long[] _rows = new long[1024];
    private int[] _lengths = new int[1024];

    public TextAnalyzer Analyzer { get; } = analyzer;

    public int DocumentCount { get; private set; }

    public long TotalLength { get; private set; }

    public long PostingCount { get; private set; }

    public int TermCount => _terms.Count;

    public ReadOnlySpan<long> Rows => _rows.AsSpan(0, DocumentCount);

    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, DocumentCount);

    /// <summary>Adds a document and returns its ordinal in the segment.</summary>
    public int AddDocument(long row, int length)
    {
        if (DocumentCount == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }

        _rows[DocumentCount] = row;
        _lengths[DocumentCount] = length;
        TotalLength += length;
        return DocumentCount++;
    }

    public void AddPosting(string term, int document, ReadOnlySpan<int> positions)
    {
        if (!_terms.TryGetValue(term, out var postings))
        {
            postings = new TermPostings(term);
            _terms.Add(term, postings);
        }

        postings.Add(document, positions);
        PostingCount++;
    }

    /// <summary>The terms in ordinal order (the order of the term dictionary and of the postings).</summary>
    public TermPostings[] SortedTerms()
    {
        var terms = _terms.Values.ToArray();
        Array.Sort(terms, static (x, y) => string.CompareOrdinal(x.Term, y.Term));
        return terms;
    }
}
