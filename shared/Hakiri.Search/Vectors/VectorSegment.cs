using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors.Graph;

namespace Hakiri.Search.Vectors;

/// <summary>An opened vector sidecar (OWNED BY THE VECTOR HELPER: public members are the contract). Thread-safe for searches.</summary>
public sealed class VectorSegment : IDisposable
{
    private readonly VectorData _data;
    private readonly UsearchGraph? _graph;

    private VectorSegment(VectorData data, UsearchGraph? graph)
    {
        _data = data;
        _graph = graph;
        Dimensions = data.Dimensions;
        Metric = data.Metric;
        Model = data.Model;
        Count = data.Count;
    }

    /// <summary>Dimensions of every vector.</summary>
    public int Dimensions { get; }

    /// <summary>The distance metric.</summary>
    public VectorMetric Metric { get; }

    /// <summary>The model identifier recorded at build.</summary>
    public string Model { get; } = string.Empty;

    /// <summary>Vectors in the segment.</summary>
    public long Count { get; }

    /// <summary>
    /// Whether <see cref="Search"/> walks an HNSW graph. False for small segments, and for large ones whose graph file is
    /// missing or was built for other data: those are searched exactly (slower, never wrong) until the index is rebuilt.
    /// </summary>
    public bool HasGraph => _graph is not null;

    /// <summary>Opens the sidecar written by <see cref="VectorSegmentWriter.Write"/> into <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory or its vectors.bin does not exist.</exception>
    /// <exception cref="InvalidDataException">vectors.bin is not a vector file of a format this version reads.</exception>
    public static VectorSegment Open(string directory) => Open(directory, VectorGraphOptions.Default.ExpansionSearch);

    /// <summary>
    /// Opens the sidecar in <paramref name="directory"/>, searching its graph with <paramref name="expansionSearch"/>
    /// candidates (efSearch; higher finds more of the true nearest neighbours, slower; 64 by default).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory or its vectors.bin does not exist.</exception>
    public static VectorSegment Open(string directory, int expansionSearch)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(expansionSearch, 1);
        var path = Path.Combine(directory, VectorDataFile.Name);
        if (!File.Exists(path))
        {
            throw new DirectoryNotFoundException(Directory.Exists(directory)
                ? $"The vector index in {directory} has no {VectorDataFile.Name}; rebuild the vector index of this table."
                : $"The vector index directory {directory} does not exist; build the vector index of this table first.");
        }

        var data = VectorDataFile.Read(path);
        var graphPath = VectorSegmentFiles.GraphPath(directory, data.Fingerprint);
        var graph = data.Count >= VectorGraphOptions.MinimumVectors && File.Exists(graphPath) && UsearchNative.Available
            ? UsearchGraph.View(graphPath, data.Dimensions, data.Metric, VectorGraphOptions.Default.WithExpansionSearch(expansionSearch))
            : null;
        if (graph is not null && graph.Count != data.Count)
        {
            graph.Dispose();
            graph = null;
        }

        return new VectorSegment(data, graph);
    }

    /// <summary>The stored vector of <paramref name="row"/>, if the row has one (unit length for the cosine metric).</summary>
    public bool TryGetVector(long row, out ReadOnlyMemory<float> vector)
    {
        var index = _data.IndexOf(row);
        vector = index < 0 ? ReadOnlyMemory<float>.Empty : _data.Values.AsMemory(index * Dimensions, Dimensions);
        return index >= 0;
    }

    /// <summary>The stored rows (for reuse by a rebuild: same text hash and model, same vector).</summary>
    public IEnumerable<VectorRow> Rows()
    {
        for (var i = 0; i < _data.Count; i++)
        {
            yield return new VectorRow(_data.Rows[i], _data.TextSha256[i], _data.Vector(i).ToArray());
        }
    }

    /// <summary>The approximately <paramref name="k"/> nearest rows, closest first (exact on segments without a graph).</summary>
    /// <exception cref="ArgumentException">The query does not have <see cref="Dimensions"/> finite values.</exception>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k)
    {
        var prepared = Prepare(query, k);
        if (_graph is null)
        {
            return Scan(prepared, k, allowed: null);
        }

        var keys = new ulong[Math.Min(k, _data.Count)];
        var found = _graph.Search(prepared, keys);
        var top = new TopK(k);
        for (var i = 0; i < found; i++)
        {
            var index = (int)keys[i];
            top.Offer(_data.Rows[index], VectorMath.Distance(Metric, prepared, _data.Vector(index)));
        }

        return top.Sorted();
    }

    /// <summary>The exact <paramref name="k"/> nearest rows among those <paramref name="allowed"/> accepts (all when null), closest first.</summary>
    /// <exception cref="ArgumentException">The query does not have <see cref="Dimensions"/> finite values.</exception>
    public IReadOnlyList<VectorHit> Exact(ReadOnlySpan<float> query, int k, Func<long, bool>? allowed = null) =>
        Scan(Prepare(query, k), k, allowed);

    /// <inheritdoc />
    public void Dispose() => _graph?.Dispose();

    private IReadOnlyList<VectorHit> Scan(float[] query, int k, Func<long, bool>? allowed)
    {
        var top = new TopK(k);
        for (var i = 0; i < _data.Count; i++)
        {
            var row = _data.Rows[i];
            if (allowed is null || allowed(row))
            {
                top.Offer(row, VectorMath.Distance(Metric, query, _data.Vector(i)));
            }
        }

        return top.Sorted();
    }

    private float[] Prepare(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        VectorValidation.Check(query, Dimensions, "The query vector");
        var prepared = query.ToArray();
        if (Metric == VectorMetric.Cosine)
        {
            VectorMath.Normalize(prepared);
        }

        return prepared;
    }
}
