using Apache.Arrow;
using Apache.Arrow.Types;
using Hakiri.Testing;

namespace Hakiri.DuckDb.Tests.Arrow;

[Collection(DuckDbCollection.Name)]
public sealed class ArrowStreamTests(DuckDbFixture duck) : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void RegisterArrowStream_EveryTypeInSeveralBatches_CopiesToParquetWithDuckDbTypes()
    {
        using var connection = duck.Connect();
        var file = _temp.Combine("all.parquet");
        var stream = new TestArrowStream(ArrowSamples.Schema, [ArrowSamples.Batch(0, 2048), ArrowSamples.Batch(2048, 1000), ArrowSamples.Batch(3048, 7)]);

        using (connection.RegisterArrowStream("batch", stream))
        {
            Assert.Equal(3055, connection.Execute($"COPY (SELECT * FROM batch) TO '{file}' (FORMAT parquet)"));
        }

        Assert.True(stream.Disposed);
        using var reader = connection.Query($"SELECT * FROM read_parquet('{file}') ORDER BY id");
        Assert.Equal(
            ["BIGINT", "DOUBLE", "BOOLEAN", "VARCHAR", "TIMESTAMP WITH TIME ZONE", "DATE", "DECIMAL(18,2)", "BLOB", "VARCHAR[]"],
            reader.Columns.Select(c => c.Type.Name));
        var row = 0L;
        while (reader.Read())
        {
            Assert.Equal(row, reader.GetInt64(0));
            if (row % 3 == 2)
            {
                Assert.All(Enumerable.Range(1, 8), column => Assert.True(reader.IsNull(column)));
            }
            else
            {
                Assert.Equal(row + 0.5, reader.GetValue(1));
                Assert.Equal(row % 2 == 0, reader.GetValue(2));
                Assert.Equal(ArrowSamples.Name(row), reader.GetValue(3));
                Assert.Equal(ArrowSamples.At(row), reader.GetValue(4));
                Assert.Equal(new DateOnly(2026, 1, 1).AddDays((int)row), reader.GetValue(5));
                Assert.Equal(row + 0.25m, reader.GetValue(6));
                Assert.Equal(new byte[] { (byte)row, 0xFF }, reader.GetValue(7));
                Assert.Equal($"[a, ü{row}]", reader.GetValue(8));
            }

            row++;
        }

        Assert.Equal(3055, row);
    }

    [Fact]
    public void RegisterArrowStream_StreamThrowsMidway_QueryFailsWithTheStreamsErrorInside()
    {
        using var connection = duck.Connect();
        var stream = new TestArrowStream(ArrowSamples.Schema, [ArrowSamples.Batch(0, 10), null], "page 2 of the API answered 502");
        using var view = connection.RegisterArrowStream("failing", stream);

        var error = Assert.Throws<DuckDbException>(() => connection.Execute($"COPY (SELECT * FROM failing) TO '{_temp.Combine("x.parquet")}' (FORMAT parquet)"));

        Assert.Contains("page 2 of the API answered 502", error.Message, StringComparison.Ordinal);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("page 2 of the API answered 502", inner.Message);
        Assert.Same(inner, view.StreamError);
        Assert.Equal(1L, DuckDbFixture.ScalarOn(connection, "SELECT 1::BIGINT"));
    }

    [Fact]
    public void RegisterArrowStream_NoBatches_ReadsZeroRowsWithTheSchema()
    {
        using var connection = duck.Connect();
        using var view = connection.RegisterArrowStream("empty", new TestArrowStream(ArrowSamples.Schema, []));

        using var reader = connection.Query("SELECT * FROM empty");

        Assert.Equal(9, reader.FieldCount);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", reader.Columns[4].Type.Name);
        Assert.False(reader.Read());
    }

    [Fact]
    public void RegisterArrowStream_View_IsTemporaryAndDroppedOnDispose()
    {
        using var connection = duck.Connect();
        using var other = duck.Connect();

        using (connection.RegisterArrowStream("mine", new TestArrowStream(ArrowSamples.Schema, [ArrowSamples.Batch(0, 3)])))
        {
            Assert.Equal("temp", DuckDbFixture.ScalarOn(connection, "SELECT database_name FROM duckdb_views() WHERE view_name = 'mine'"));
            Assert.Equal("memory", DuckDbFixture.ScalarOn(connection, "SELECT current_database()"));
            Assert.Equal(0L, DuckDbFixture.ScalarOn(other, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'mine'"));
            Assert.Equal(3L, DuckDbFixture.ScalarOn(connection, "SELECT count(*) FROM mine"));
        }

        Assert.Equal(0L, DuckDbFixture.ScalarOn(connection, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'mine' OR view_name LIKE 'hakiri_arrow_%'"));
    }

    [Fact]
    public void RegisterArrowStream_SameNameOnTwoConnections_EachReadsItsOwn()
    {
        using var first = duck.Connect();
        using var second = duck.Connect();
        using var one = first.RegisterArrowStream("batch", new TestArrowStream(ArrowSamples.Schema, [ArrowSamples.Batch(0, 3)]));
        using var two = second.RegisterArrowStream("batch", new TestArrowStream(ArrowSamples.Schema, [ArrowSamples.Batch(100, 5)]));

        Assert.Equal(5L, DuckDbFixture.ScalarOn(second, "SELECT count(*) FROM batch"));
        Assert.Equal(3L, DuckDbFixture.ScalarOn(first, "SELECT count(*) FROM batch"));
    }

    [Fact]
    public void Dispose_Connection_ReleasesItsStreams()
    {
        var stream = new TestArrowStream(ArrowSamples.Schema, [ArrowSamples.Batch(0, 3)]);
        using (var connection = duck.Connect())
        {
            connection.RegisterArrowStream("left_open", stream);
        }

        Assert.True(stream.Disposed);
    }

    [Fact]
    public void RegisterArrowStream_UnreadableType_ThrowsAndDisposesTheStream()
    {
        using var connection = duck.Connect();
        var schema = new Schema.Builder().Field(f => f.Name("d").DataType(new Decimal256Type(76, 0))).Build();
        var stream = new TestArrowStream(schema, []);

        var error = Record.Exception(() => connection.RegisterArrowStream("odd", stream).Dispose());

        if (error is not null)
        {
            Assert.IsType<DuckDbException>(error);
        }

        Assert.True(stream.Disposed);
    }

    public void Dispose() => _temp.Dispose();
}
