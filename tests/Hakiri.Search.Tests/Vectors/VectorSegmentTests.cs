using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors;
using Hakiri.Testing;

namespace Hakiri.Search.Tests.Vectors;

public sealed class VectorSegmentTests
{
    [Theory]
    [InlineData(VectorMetric.Cosine)]
    [InlineData(VectorMetric.L2)]
    [InlineData(VectorMetric.InnerProduct)]
    public void Exact_EachMetric_MatchesBruteForceOrderAndDistances(VectorMetric metric)
    {
        var synthetic = new SyntheticVectors(seed: 11, clusters: 4, dimensions: 19);
        var rows = synthetic.Rows(500);
        using var temp = new TempDirectory();
        using var segment = Build(temp.Path, rows, 19, metric);
        var query = synthetic.Next();

        var hits = segment.Exact(query, 10);

        Assert.Equal(BruteForce.Nearest(metric, rows, query, 10), hits.Select(hit => hit.Row));
        var byRow = rows.ToDictionary(row => row.Row);
        Assert.All(hits, hit => Assert.Equal(BruteForce.Distance(metric, query, byRow[hit.Row].Vector), hit.Distance, 3));
        Assert.Equal(hits, segment.Search(query, 10));
    }

    [Fact]
    public void Open_WrittenSegment_ReportsShape()
    {
        using var temp = new TempDirectory();
        using var segment = Build(temp.Path, new SyntheticVectors(2, 3, 6).Rows(40), 6, VectorMetric.InnerProduct, "column:embedding");

        Assert.Equal((6, VectorMetric.InnerProduct, "column:embedding", 40L, false), (segment.Dimensions, segment.Metric, segment.Model, segment.Count, segment.HasGraph));
    }

    [Fact]
    public void TryGetVector_StoredAndMissingRows_ReturnsVectorOrFalse()
    {
        using var temp = new TempDirectory();
        var rows = new SyntheticVectors(3, 2, 5).Rows(20, firstRow: 100);
        using var segment = Build(temp.Path, rows, 5, VectorMetric.L2);

        Assert.True(segment.TryGetVector(106, out var vector));
        Assert.Equal(rows[2].Vector, vector.ToArray());
        Assert.False(segment.TryGetVector(101, out var missing));
        Assert.True(missing.IsEmpty);
    }

    [Fact]
    public void TryGetVector_Cosine_ReturnsUnitLengthVector()
    {
        using var temp = new TempDirectory();
        using var segment = Build(temp.Path, [new VectorRow(0, null, [3f, 4f])], 2, VectorMetric.Cosine);

        Assert.True(segment.TryGetVector(0, out var vector));
        Assert.Equal([0.6f, 0.8f], vector.ToArray());
    }

    [Fact]
    public void Rows_WrittenUnsorted_RoundTripSortedByRow()
    {
        using var temp = new TempDirectory();
        var rows = new SyntheticVectors(4, 2, 7).Rows(30).Reverse().ToArray();
        using var segment = Build(temp.Path, rows, 7, VectorMetric.L2);

        var read = segment.Rows().ToArray();

        var expected = rows.OrderBy(row => row.Row).ToArray();
        Assert.Equal(expected.Select(row => (row.Row, row.TextSha256)), read.Select(row => (row.Row, row.TextSha256)));
        Assert.All(expected.Zip(read), pair => Assert.Equal(pair.First.Vector, pair.Second.Vector));
    }

    [Fact]
    public void Exact_AllowedFilter_ReturnsOnlyAllowedRows()
    {
        using var temp = new TempDirectory();
        var synthetic = new SyntheticVectors(5, 3, 9);
        var rows = synthetic.Rows(200);
        using var segment = Build(temp.Path, rows, 9, VectorMetric.Cosine);
        var query = synthetic.Next();

        var hits = segment.Exact(query, 5, row => row % 2 == 0);

        Assert.Equal(BruteForce.Nearest(VectorMetric.Cosine, rows.Where(row => row.Row % 2 == 0), query, 5), hits.Select(hit => hit.Row));
    }

    [Fact]
    public void Search_KLargerThanSegment_ReturnsEveryRow()
    {
        using var temp = new TempDirectory();
        using var segment = Build(temp.Path, new SyntheticVectors(6, 2, 4).Rows(7), 4, VectorMetric.L2);

        Assert.Equal(7, segment.Search([1f, 2f, 3f, 4f], 50).Count);
        Assert.Equal(7, segment.Exact([1f, 2f, 3f, 4f], int.MaxValue).Count);
    }

    [Fact]
    public void Search_QueryOfWrongLength_ThrowsSentence()
    {
        using var temp = new TempDirectory();
        using var segment = Build(temp.Path, new SyntheticVectors(6, 2, 4).Rows(7), 4, VectorMetric.L2);

        var failure = Assert.Throws<ArgumentException>(() => segment.Search([1f, 2f], 3));

        Assert.Equal("The query vector has 2 values but the index has 4 dimensions; embed it with the index's model.", failure.Message);
    }

    [Fact]
    public void Open_MissingDirectory_ThrowsSentenceNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "hakiri-missing-" + Guid.NewGuid().ToString("N"));

        var failure = Assert.Throws<DirectoryNotFoundException>(() => VectorSegment.Open(missing));

        Assert.Equal($"The vector index directory {missing} does not exist; build the vector index of this table first.", failure.Message);
    }

    [Fact]
    public void Open_DirectoryWithoutVectors_ThrowsSentence()
    {
        using var temp = new TempDirectory();

        var failure = Assert.Throws<DirectoryNotFoundException>(() => VectorSegment.Open(temp.Path));

        Assert.Equal($"The vector index in {temp.Path} has no vectors.bin; rebuild the vector index of this table.", failure.Message);
    }

    internal static VectorSegment Build(string directory, IReadOnlyList<VectorRow> rows, int dimensions, VectorMetric metric, string model = "m")
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        VectorSegmentWriter.Write(directory, rows, dimensions, metric, model, connection);
        return VectorSegment.Open(directory);
    }
}
