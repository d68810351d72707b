using Hakiri.Search.Vectors;

namespace Hakiri.Steps.Indexing;

/// <summary>
/// Vectors already computed for a text (by SHA-256), from the table's existing segments of the same model and from
/// this build: a text is embedded once however often compaction or upserts rewrite its row.
/// </summary>
internal sealed class VectorReuse : IDisposable
{
    private readonly List<VectorSegment> _segments = [];
    private readonly Dictionary<string, (int Segment, long Row)> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _fresh = new(StringComparer.Ordinal);

    public void Load(string directory)
    {
        VectorSegment segment;
        try
        {
            segment = VectorSegment.Open(directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return; // a damaged or vanished segment only costs re-embedding
        }

        var index = _segments.Count;
        _segments.Add(segment);
        foreach (var row in segment.Rows())
        {
            if (row.TextSha256 is { } hash)
            {
                _stored.TryAdd(hash, (index, row.Row));
            }
        }
    }

    public float[]? TryGet(string hash)
    {
        if (_fresh.TryGetValue(hash, out var vector))
        {
            return vector;
        }

        return _stored.TryGetValue(hash, out var at) && _segments[at.Segment].TryGetVector(at.Row, out var stored) ? stored.ToArray() : null;
    }

    public void Add(string hash, float[] vector) => _fresh.TryAdd(hash, vector);

    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }
    }
}
