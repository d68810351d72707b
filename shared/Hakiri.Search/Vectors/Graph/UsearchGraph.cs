using System.Runtime.InteropServices;
using System.Text;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.Vectors.Graph;

/// <summary>
/// An HNSW graph held by USearch, keyed by vector index (0..n-1, not row number). Built in memory and saved, or viewed
/// from its file (memory-mapped, not copied). Searches may run concurrently: a gate keeps callers at the number of
/// search contexts USearch was given.
/// </summary>
internal sealed class UsearchGraph : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private nint _index;

    private UsearchGraph(nint index, int searchThreads)
    {
        _index = index;
        _gate = new SemaphoreSlim(searchThreads, searchThreads);
    }

    /// <summary>Vectors in the graph.</summary>
    public long Count => (long)Call(UsearchNative.Size(_index, out var error), error, "count its vectors");

    /// <summary>Builds a graph over <paramref name="count"/> vectors of <paramref name="dimensions"/> stored back to back in <paramref name="data"/>.</summary>
    public static UsearchGraph Build(float[] data, int count, int dimensions, VectorMetric metric, VectorGraphOptions options)
    {
        var graph = Create(dimensions, metric, options);
        try
        {
            UsearchNative.Reserve(graph._index, (nuint)count, out var error);
            UsearchNative.Check(error, "reserve room for its vectors");
            var index = graph._index;
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.BuildThreads }, i =>
            {
                UsearchNative.Add(index, (ulong)i, ref data[i * dimensions], UsearchNative.Float32, out var addError);
                UsearchNative.Check(addError, "add a vector");
            });
            return graph;
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>Maps the graph saved at <paramref name="path"/> (the file must stay in place while the graph is open).</summary>
    public static UsearchGraph View(string path, int dimensions, VectorMetric metric, VectorGraphOptions options)
    {
        var graph = Create(dimensions, metric, options);
        try
        {
            UsearchNative.View(graph._index, PathBytes(path), out var error);
            UsearchNative.Check(error, $"be opened from {path}");
            graph.Configure(options);
            return graph;
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>Writes the graph to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        UsearchNative.Save(_index, PathBytes(path), out var error);
        UsearchNative.Check(error, $"be saved to {path}");
    }

    /// <summary>Fills <paramref name="keys"/> with up to its length nearest vector indexes; returns how many were found.</summary>
    public int Search(ReadOnlySpan<float> query, Span<ulong> keys)
    {
        var distances = keys.Length <= 256 ? stackalloc float[keys.Length] : new float[keys.Length];
        _gate.Wait();
        try
        {
            var found = UsearchNative.Search(
                _index,
                ref MemoryMarshal.GetReference(query),
                UsearchNative.Float32,
                (nuint)keys.Length,
                ref MemoryMarshal.GetReference(keys),
                ref MemoryMarshal.GetReference(distances),
                out var error);
            UsearchNative.Check(error, "be searched");
            return (int)found;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var index = Interlocked.Exchange(ref _index, 0);
        if (index != 0)
        {
            UsearchNative.Free(index, out _);
            _gate.Dispose();
        }
    }

    private static UsearchGraph Create(int dimensions, VectorMetric metric, VectorGraphOptions options)
    {
        var init = new UsearchNative.InitOptions
        {
            // Cosine vectors are normalized when written, so the inner product ranks them as cosine does.
            Metric = metric == VectorMetric.L2 ? UsearchNative.MetricKind.L2Squared : UsearchNative.MetricKind.InnerProduct,
            Quantization = UsearchNative.Float32,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)options.Connectivity,
            ExpansionAdd = (nuint)options.ExpansionAdd,
            ExpansionSearch = (nuint)options.ExpansionSearch,
        };
        var index = UsearchNative.Init(ref init, out var error);
        UsearchNative.Check(error, "be created");
        var graph = new UsearchGraph(index, options.SearchThreads);
        graph.Configure(options);
        return graph;
    }

    private static T Call<T>(T value, nint error, string action)
    {
        UsearchNative.Check(error, action);
        return value;
    }

    private static byte[] PathBytes(string path) => Encoding.UTF8.GetBytes(path + "\0");

    private void Configure(VectorGraphOptions options)
    {
        UsearchNative.ChangeExpansionSearch(_index, (nuint)options.ExpansionSearch, out var error);
        UsearchNative.Check(error, "take its search expansion");
        UsearchNative.ChangeThreadsSearch(_index, (nuint)options.SearchThreads, out error);
        UsearchNative.Check(error, "take its search threads");
    }
}
