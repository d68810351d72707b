namespace Hakiri.Search.Vectors;

/// <summary>Keeps the k closest hits seen (a max-heap on distance, ties broken by row so results are stable).</summary>
internal sealed class TopK(int k)
{
    private readonly PriorityQueue<VectorHit, (float Distance, long Row)> _heap = new(Math.Min(k, 1024) + 1, Farthest.Instance);

    /// <summary>Offers a hit; it is kept when it is closer than the farthest of the k kept so far.</summary>
    public void Offer(long row, float distance)
    {
        if (_heap.Count < k)
        {
            _heap.Enqueue(new VectorHit(row, distance), (distance, row));
        }
        else if (_heap.TryPeek(out _, out var worst) && Farthest.Closer((distance, row), worst))
        {
            _heap.DequeueEnqueue(new VectorHit(row, distance), (distance, row));
        }
    }

    /// <summary>The kept hits, closest first.</summary>
    public IReadOnlyList<VectorHit> Sorted()
    {
        var hits = new VectorHit[_heap.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            hits[i] = _heap.Dequeue();
        }

        return hits;
    }

    /// <summary>Orders the heap so the farthest (largest distance, then largest row) comes out first.</summary>
    private sealed class Farthest : IComparer<(float Distance, long Row)>
    {
        public static readonly Farthest Instance = new();

        public static bool Closer((float Distance, long Row) a, (float Distance, long Row) b) =>
            a.Distance < b.Distance || (a.Distance == b.Distance && a.Row < b.Row);

        public int Compare((float Distance, long Row) x, (float Distance, long Row) y) =>
            Closer(x, y) ? 1 : Closer(y, x) ? -1 : 0;
    }
}
