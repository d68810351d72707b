namespace Hakiri.Search.FullText;

/// <summary>Keeps the best hits offered (all of them without a limit): higher score first, then lower segment, then lower row.</summary>
internal sealed class TopHits(int? limit)
{
    private static readonly Comparison<FtsHit> BestFirst = static (x, y) =>
        y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.Segment != y.Segment ? x.Segment.CompareTo(y.Segment) : x.Row.CompareTo(y.Row);

    // The worst kept hit on top, so a better one replaces it.
    private readonly PriorityQueue<FtsHit, FtsHit> _heap = new(Comparer<FtsHit>.Create((x, y) => BestFirst(y, x)));
    private readonly List<FtsHit> _all = [];

    public void Offer(FtsHit hit)
    {
        if (limit is not { } size)
        {
            _all.Add(hit);
        }
        else if (_heap.Count < size)
        {
            _heap.Enqueue(hit, hit);
        }
        else if (BestFirst(hit, _heap.Peek()) < 0)
        {
            _heap.EnqueueDequeue(hit, hit);
        }
    }

    public IReadOnlyList<FtsHit> Best()
    {
        var hits = _all;
        if (limit is not null)
        {
            hits = new List<FtsHit>(_heap.Count);
            foreach (var (hit, _) in _heap.UnorderedItems)
            {
                hits.Add(hit);
            }
        }

        hits.Sort(BestFirst);
        return hits;
    }
}
