using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors;
using Hakiri.Testing;

namespace Hakiri.Search.Tests.Vectors;

public sealed class VectorGraphTests
{
    [Theory]
    [InlineData(VectorMetric.Cosine)]
    [InlineData(VectorMetric.L2)]
    [InlineData(VectorMetric.InnerProduct)]
    public void Search_SegmentAboveThreshold_UsesGraphAndFindsExactNeighbours(VectorMetric metric)
    {
        using var temp = new TempDirectory();
        var synthetic = new SyntheticVectors(seed: 21, clusters: 20, dimensions: 16);
        using var segment = VectorSegmentTests.Build(temp.Path, synthetic.Rows(3000), 16, metric);
        var queries = Enumerable.Range(0, 20).Select(_ => synthetic.Next()).ToArray();

        var found = queries.Sum(query => segment.Search(query, 10).Select(hit => hit.Row).Intersect(segment.Exact(query, 10).Select(hit => hit.Row)).Count());

        Assert.True(segment.HasGraph);
        Assert.True(found >= 190, $"The graph found {found} of 200 exact neighbours.");
        Assert.Single(Directory.GetFiles(temp.Path, "graph-*.usearch"));
    }

    [Fact]
    public void Open_GraphFileMissing_FallsBackToExact()
    {
        using var temp = new TempDirectory();
        var synthetic = new SyntheticVectors(seed: 22, clusters: 10, dimensions: 8);
        using (VectorSegmentTests.Build(temp.Path, synthetic.Rows(2500), 8, VectorMetric.L2))
        {
        }

        File.Delete(Directory.GetFiles(temp.Path, "graph-*.usearch").Single());
        using var segment = VectorSegment.Open(temp.Path);
        var query = synthetic.Next();

        Assert.False(segment.HasGraph);
        Assert.Equal(segment.Exact(query, 10), segment.Search(query, 10));
    }

    [Fact]
    public void Open_GraphOfOtherData_FallsBackToExact()
    {
        using var temp = new TempDirectory();
        using var other = new TempDirectory();
        var synthetic = new SyntheticVectors(seed: 23, clusters: 10, dimensions: 8);
        using (VectorSegmentTests.Build(temp.Path, synthetic.Rows(2500), 8, VectorMetric.L2))
        using (VectorSegmentTests.Build(other.Path, synthetic.Rows(2500), 8, VectorMetric.L2))
        {
        }

        File.Copy(Path.Combine(other.Path, "vectors.bin"), Path.Combine(temp.Path, "vectors.bin"), overwrite: true);
        using var segment = VectorSegment.Open(temp.Path);

        Assert.False(segment.HasGraph);
        Assert.Equal(2500, segment.Count);
    }

    [Fact]
    public void Write_SegmentBelowThreshold_WritesNoGraph()
    {
        using var temp = new TempDirectory();
        using var segment = VectorSegmentTests.Build(temp.Path, new SyntheticVectors(24, 3, 8).Rows(2047), 8, VectorMetric.Cosine);

        Assert.False(segment.HasGraph);
        Assert.Empty(Directory.GetFiles(temp.Path, "graph-*.usearch"));
    }

    [Fact]
    public void Search_ConcurrentCallers_ReturnSameHitsAsSequential()
    {
        using var temp = new TempDirectory();
        var synthetic = new SyntheticVectors(seed: 25, clusters: 10, dimensions: 16);
        using var segment = VectorSegmentTests.Build(temp.Path, synthetic.Rows(2500), 16, VectorMetric.Cosine);
        var queries = Enumerable.Range(0, 64).Select(_ => synthetic.Next()).ToArray();
        var sequential = queries.Select(query => segment.Search(query, 5)).ToArray();

        var parallel = new IReadOnlyList<VectorHit>[queries.Length];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => parallel[i] = segment.Search(queries[i], 5));

        Assert.All(Enumerable.Range(0, queries.Length), i => Assert.Equal(sequential[i], parallel[i]));
    }
}
