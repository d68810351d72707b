using System.Buffers;
using Hakiri.Search.Text;

namespace Hakiri.Search.FullText;

/// <summary>Scores one segment for a query into an array indexed by document, then offers the matches to the hits.</summary>
internal sealed class SegmentScorer(FtsSegment segment, Corpus corpus)
{
    private readonly double _norm0 = Corpus.K1 * (1 - Corpus.B);
    private readonly double _normLength = Corpus.K1 * Corpus.B / corpus.AverageLength;

    public void Collect(FtsQuery query, int segmentIndex, Func<int, long, bool>? allowed, TopHits hits)
    {
        var count = (int)segment.DocumentCount;
        var scores = ArrayPool<double>.Shared.Rent(Math.Max(count, 1));
        try
        {
            Array.Clear(scores, 0, count);
            foreach (var term in corpus.ScoredTerms)
            {
                AddTerm(term, scores);
            }

            foreach (var phrase in query.Phrases)
            {
                AddPhrase(phrase, scores);
            }

            foreach (var term in query.Excluded)
            {
                Exclude(term, scores);
            }

            var rows = segment.Rows;
            for (var d = 0; d < count; d++)
            {
                if (scores[d] > 0 && (allowed is null || allowed(segmentIndex, rows[d])))
                {
                    hits.Offer(new FtsHit(segmentIndex, rows[d], scores[d]));
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    public double Score(double idf, int tf, int length) => idf * tf * (Corpus.K1 + 1) / (tf + _norm0 + (_normLength * length));

    private void AddTerm(string term, double[] scores)
    {
        var index = segment.Find(term);
        if (index < 0)
        {
            return;
        }

        var idf = corpus.Idf[term];
        var lengths = segment.Lengths;
        using var postings = segment.Read(index, positions: false);
        var bytes = postings.Documents;
        int offset = 0, document = -1;
        while (offset < bytes.Length)
        {
            document += (int)VarInt.Read(bytes, ref offset);
            var tf = (int)VarInt.Read(bytes, ref offset);
            scores[document] += Score(idf, tf, lengths[document]);
        }
    }

    private void AddPhrase(IReadOnlyList<TextToken> phrase, double[] scores)
    {
        var indexes = new int[phrase.Count];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = segment.Find(phrase[i].Term);
            if (indexes[i] < 0)
            {
                return;
            }
        }

        var buffers = Array.ConvertAll(indexes, index => segment.Read(index, positions: true));
        try
        {
            var cursors = Array.ConvertAll(buffers, buffer => new PostingCursor(buffer));
            var lead = Enumerable.Range(0, buffers.Length).MinBy(i => buffers[i].DocumentFrequency);
            var lengths = segment.Lengths;
            foreach (var document in PhraseMatcher.Matches(cursors, lead, phrase))
            {
                var score = 0.0;
                for (var i = 0; i < phrase.Count; i++)
                {
                    score += Score(corpus.Idf[phrase[i].Term], cursors[i].Tf, lengths[document]);
                }

                scores[document] += score;
            }
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                buffer.Dispose();
            }
        }
    }

    private void Exclude(string term, double[] scores)
    {
        var index = segment.Find(term);
        if (index < 0)
        {
            return;
        }

        using var postings = segment.Read(index, positions: false);
        var bytes = postings.Documents;
        int offset = 0, document = -1;
        while (offset < bytes.Length)
        {
            document += (int)VarInt.Read(bytes, ref offset);
            VarInt.Read(bytes, ref offset);
            scores[document] = 0;
        }
    }
}
