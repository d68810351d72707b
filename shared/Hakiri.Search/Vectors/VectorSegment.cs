using Hakiri.Model.Manifests;

namespace Hakiri.Search.Vectors;

/// <summary>An opened vector sidecar (OWNED BY THE VECTOR HELPER: public members are the contract). Thread-safe for searches.</summary>
public sealed class VectorSegment : IDisposable
{
    private VectorSegment()
    {
    }

    /// <summary>Dimensions of every vector.</summary>
    public int Dimensions { get; }

    /// <summary>The distance metric.</summary>
    public VectorMetric Metric { get; }

    /// <summary>The model identifier recorded at build.</summary>
    public string Model { get; } = string.Empty;

    /// <summary>Vectors in the segment.</summary>
    public long Count { get; }

    /// <summary>Opens the sidecar written by <see cref="VectorSegmentWriter.Write"/> into <paramref name="directory"/>.</summary>
    public static VectorSegment Open(string directory) => throw new NotImplementedException();

    /// <summary>The stored vector of <paramref name="row"/>, if the row has one.</summary>
    public bool TryGetVector(long row, out ReadOnlyMemory<float> vector) => throw new NotImplementedException();

    /// <summary>The stored rows (for reuse by a rebuild: same text hash and model, same vector).</summary>
    public IEnumerable<VectorRow> Rows() => throw new NotImplementedException();

    /// <summary>The approximately <paramref name="k"/> nearest rows, closest first (exact on segments without a graph).</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k) => throw new NotImplementedException();

    /// <summary>The exact <paramref name="k"/> nearest rows among those <paramref name="allowed"/> accepts (all when null), closest first.</summary>
    public IReadOnlyList<VectorHit> Exact(ReadOnlySpan<float> query, int k, Func<long, bool>? allowed = null) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
