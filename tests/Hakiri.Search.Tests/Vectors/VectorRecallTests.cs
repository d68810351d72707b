using System.Diagnostics;
using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors;
using Hakiri.Search.Vectors.Graph;
using Hakiri.Testing;
using Xunit.Abstractions;

namespace Hakiri.Search.Tests.Vectors;

public sealed class VectorRecallTests(ITestOutputHelper output)
{
    private const int Dimensions = 384;

    [Fact]
    public void Search_100kClusteredVectorsWithShippedParameters_RecallAtTenAtLeast95Percent()
    {
        var measured = Measure(100_000, VectorGraphOptions.Default);

        Assert.True(measured.Recall >= 0.95, $"Recall@10 was {measured.Recall:F3}.");
        Assert.True(measured.HasGraph);
    }

    internal (double Recall, bool HasGraph) Measure(int count, VectorGraphOptions options)
    {
        var synthetic = new SyntheticVectors(seed: 2026, clusters: 1000, dimensions: Dimensions);
        var rows = Enumerable.Range(0, count).Select(i => new VectorRow(i, null, synthetic.Next())).ToArray();
        var queries = Enumerable.Range(0, 200).Select(_ => synthetic.Next()).ToArray();
        using var temp = new TempDirectory();
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();

        var clock = Stopwatch.StartNew();
        var stats = VectorSegmentWriter.WriteWith(temp.Path, rows, Dimensions, VectorMetric.Cosine, "synthetic", connection, options);
        var written = clock.Elapsed;
        clock.Restart();
        using var segment = VectorSegment.Open(temp.Path, options.ExpansionSearch);
        var opened = clock.Elapsed;

        var latencies = new List<double>();
        var found = 0;
        var exactLatencies = new List<double>();
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var approximate = segment.Search(query, 10);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            var exact = segment.Exact(query, 10);
            exactLatencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            found += approximate.Select(hit => hit.Row).Intersect(exact.Select(hit => hit.Row)).Count();
        }

        latencies.Sort();
        exactLatencies.Sort();
        var recall = found / (10.0 * queries.Length);
        var sizes = string.Join(", ", Directory.GetFiles(temp.Path).Select(file => $"{Path.GetFileName(file)} {new FileInfo(file).Length / 1e6:F1} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {count} x {Dimensions}, M={options.Connectivity} efConstruction={options.ExpansionAdd} efSearch={options.ExpansionSearch} threads={options.BuildThreads}
            write {written.TotalSeconds:F1} s (total {stats.Bytes / 1e6:F1} MB: {sizes}); open {opened.TotalMilliseconds:F0} ms
            graph top-10: recall {recall:F3}, p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms, {1000 / latencies.Average():F0} QPS on one thread
            exact top-10: p50 {exactLatencies[exactLatencies.Count / 2]:F2} ms
            """));
        return (recall, segment.HasGraph);
    }
}
