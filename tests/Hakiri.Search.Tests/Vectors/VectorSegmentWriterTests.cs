using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors;
using Hakiri.Testing;

namespace Hakiri.Search.Tests.Vectors;

public sealed class VectorSegmentWriterTests
{
    [Fact]
    public void Write_CosineVectors_DuckDbArrayCosineDistanceAgreesWithExact()
    {
        using var temp = new TempDirectory();
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var synthetic = new SyntheticVectors(seed: 7, clusters: 5, dimensions: 24);
        var rows = synthetic.Rows(300);
        var stats = VectorSegmentWriter.Write(temp.Path, rows, 24, VectorMetric.Cosine, "test-model", connection);
        var query = synthetic.Next();

        using var segment = VectorSegment.Open(temp.Path);
        var exact = segment.Exact(query, 300).ToDictionary(hit => hit.Row, hit => hit.Distance);
        var literal = "[" + string.Join(", ", query.Select(value => value.ToString("R", CultureInfo.InvariantCulture))) + "]::FLOAT[24]";
        using var reader = connection.Query(
            $"SELECT \"row\", array_cosine_distance(vector::FLOAT[24], {literal}) FROM read_parquet('{Path.Combine(temp.Path, "vectors.parquet")}')");
        var compared = 0;
        while (reader.Read())
        {
            Assert.Equal(exact[reader.GetInt64(0)], Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture), 4);
            compared++;
        }

        Assert.Equal(300, compared);
        Assert.Equal(new VectorSegmentStats(300, Graph: false, stats.Bytes), stats);
        Assert.True(stats.Bytes > 300 * 24 * 4);
    }

    [Fact]
    public void Write_AnyRows_ParquetHasTypedColumnsAndMetadata()
    {
        using var temp = new TempDirectory();
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        VectorSegmentWriter.Write(temp.Path, new SyntheticVectors(1, 2, 8).Rows(10), 8, VectorMetric.L2, "model-a", connection);
        var parquet = Path.Combine(temp.Path, "vectors.parquet");

        using (var columns = connection.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{parquet}'))"))
        {
            var types = new List<string>();
            while (columns.Read())
            {
                types.Add(columns.GetString(0) + " " + columns.GetString(1));
            }

            // Parquet has no fixed-size list: DuckDB reads the column back as a LIST; vector::FLOAT[8] makes it an ARRAY.
            Assert.Equal(["row BIGINT", "text_sha256 VARCHAR", "vector FLOAT[]"], types);
        }

        using var metadata = connection.Query(
            $"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{parquet}') ORDER BY 1");
        var pairs = new Dictionary<string, string>();
        while (metadata.Read())
        {
            pairs[metadata.GetString(0)] = metadata.GetString(1);
        }

        Assert.Equal("model-a", pairs["model"]);
        Assert.Equal("L2", pairs["metric"]);
        Assert.Equal("8", pairs["dimensions"]);
        Assert.Equal("1", pairs["format_version"]);
        Assert.Equal(64, pairs["fingerprint"].Length);
    }

    [Fact]
    public void Write_VectorOfWrongLength_ThrowsSentenceNamingRow()
    {
        var failure = WriteExpectingFailure(new VectorRow(42, null, new float[3]), dimensions: 4);
        Assert.Equal("The vector of row 42 has 3 values but the index has 4 dimensions; embed it with the index's model.", failure.Message);
    }

    [Fact]
    public void Write_NaNValue_ThrowsSentenceNamingPosition()
    {
        var failure = WriteExpectingFailure(new VectorRow(5, null, [1f, float.NaN, 0f, 0f]), dimensions: 4);
        Assert.Equal("The vector of row 5 has NaN at position 1; vectors must hold finite numbers, so fix or drop it.", failure.Message);
    }

    [Fact]
    public void Write_InfiniteValue_Throws()
    {
        var failure = WriteExpectingFailure(new VectorRow(5, null, [1f, 0f, float.PositiveInfinity, 0f]), dimensions: 4);
        Assert.StartsWith("The vector of row 5 has ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("at position 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BadTextHash_ThrowsSentence()
    {
        var failure = WriteExpectingFailure(new VectorRow(9, "abc", [1f, 0f, 0f, 0f]), dimensions: 4);
        Assert.StartsWith("The text hash of row 9 is not a SHA-256 in hex;", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DuplicateRow_ThrowsSentence()
    {
        using var temp = new TempDirectory();
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        VectorRow[] rows = [new(3, null, [1f, 0f]), new(3, null, [0f, 1f])];

        var failure = Assert.Throws<ArgumentException>(() => VectorSegmentWriter.Write(temp.Path, rows, 2, VectorMetric.L2, "m", connection));

        Assert.StartsWith("Row 3 has two vectors;", failure.Message, StringComparison.Ordinal);
    }

    private static ArgumentException WriteExpectingFailure(VectorRow bad, int dimensions)
    {
        using var temp = new TempDirectory();
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        VectorRow[] rows = [new(1, null, new float[dimensions]), bad];
        var failure = Assert.Throws<ArgumentException>(() => VectorSegmentWriter.Write(temp.Path, rows, dimensions, VectorMetric.Cosine, "m", connection));
        Assert.False(File.Exists(Path.Combine(temp.Path, "vectors.bin")));
        return failure;
    }
}
