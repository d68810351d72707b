namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class StreamingTests(DuckDbFixture duck)
{
    [Fact]
    public void Query_HundredThousandRows_StreamsEveryRowInOrderAcrossChunks()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT range AS i, 'row ' || range AS s, range * 0.5 AS d FROM range(100000) ORDER BY i");

        var count = 0L;
        while (reader.Read())
        {
            Assert.Equal(count, reader.GetInt64(0));
            Assert.Equal("row " + count, reader.GetString(1));
            Assert.Equal(count * 0.5m, reader.GetValue(2));
            count++;
        }

        Assert.Equal(100000, count);
        Assert.False(reader.Read());
    }

    [Fact]
    public void ReadInt64Chunk_ManyChunks_GivesEveryValueInOrderOnce()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT range * 3 AS i FROM range(100000) ORDER BY i");

        var values = new List<long>();
        var chunks = 0;
        while (reader.ReadInt64Chunk(0, out var chunk))
        {
            Assert.InRange(chunk.Length, 1, 2048);
            values.AddRange(chunk.ToArray());
            chunks++;
        }

        Assert.Equal(Enumerable.Range(0, 100000).Select(i => i * 3L), values);
        Assert.True(chunks >= 49);
        Assert.False(reader.ReadInt64Chunk(0, out var after));
        Assert.True(after.IsEmpty);
        Assert.False(reader.Read());
    }

    [Fact]
    public void ReadInt64Chunk_AfterSomeRowsRead_SkipsTheRestOfThatChunkAndReadMovesOn()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT range AS i FROM range(5000) ORDER BY i");

        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.True(reader.ReadInt64Chunk(0, out var second));
        var first = second[0];
        var length = second.Length;

        Assert.Equal(2048L, first);
        Assert.True(reader.Read());
        Assert.Equal(first + length, reader.GetInt64(0));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(2047)]
    public void ReadInt64Chunk_NullInTheChunk_ThrowsInsteadOfGivingAValue(int nullAt)
    {
        using var connection = duck.Connect();
        using var reader = connection.Query($"SELECT CASE WHEN range = {nullAt} THEN NULL ELSE range END FROM range(2048)");

        var error = Assert.Throws<InvalidOperationException>(() => reader.ReadInt64Chunk(0, out _));
        Assert.Contains("NULL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(4095)]
    [InlineData(4099)]
    public void ReadInt64Chunk_NullInALaterChunk_EarlierChunksReadThenItThrows(int nullAt)
    {
        // 4100 rows: two full chunks and one of 4; the NULL is in the second or the last.
        using var connection = duck.Connect();
        using var reader = connection.Query($"SELECT CASE WHEN range = {nullAt} THEN NULL ELSE range END FROM range(4100)");

        var read = 0L;
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            while (reader.ReadInt64Chunk(0, out var chunk))
            {
                read += chunk.Length;
            }
        });

        Assert.Contains("NULL", error.Message, StringComparison.Ordinal);
        Assert.Equal(nullAt < 4096 ? 2048 : 4096, read);
    }

    [Fact]
    public void ReadInt64Chunk_IntegerColumn_ThrowsInvalidCast()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT 1::INTEGER");

        Assert.Throws<InvalidCastException>(() => reader.ReadInt64Chunk(0, out _));
    }

    [Fact]
    public void Query_BillionRowsDisposedEarly_ReturnsQuicklyAndFreesTheConnection()
    {
        using var connection = duck.Connect();
        using (var reader = connection.Query("SELECT range FROM range(1000000000)"))
        {
            for (var i = 0; i < 5000; i++)
            {
                Assert.True(reader.Read());
            }
        }

        Assert.Equal(42L, DuckDbFixture.ScalarOn(connection, "SELECT 42::BIGINT"));
    }

    [Fact]
    public void Query_SeveralStatements_RunsTheEarlierOnesAndStreamsTheLast()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("CREATE TEMP TABLE several AS SELECT 1 AS a; INSERT INTO several VALUES (2); SELECT sum(a)::BIGINT FROM several");

        Assert.True(reader.Read());
        Assert.Equal(3L, reader.GetValue(0));
    }

    [Fact]
    public void Read_ErrorRaisedMidStream_ThrowsDuckDbExceptionWithItsMessage()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() =>
        {
            using var reader = connection.Query("SELECT CASE WHEN range = 50000 THEN error('boom at 50000') ELSE range END FROM range(100000)");
            while (reader.Read())
            {
            }
        });

        Assert.Contains("boom at 50000", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.InvalidInput, error.ErrorType);
    }

    [Fact]
    public void Read_AfterTheLastRow_KeepsReturningFalseAndGetValueThrows()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT 1");

        Assert.True(reader.Read());
        Assert.False(reader.Read());
        Assert.False(reader.Read());
        Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
    }

    [Fact]
    public void Query_StatementWithoutRows_HasNoColumnsOrACountRow()
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE counted (a INTEGER)");

        using (var create = connection.Query("CREATE TEMP TABLE nothing (a INTEGER)"))
        {
            Assert.False(create.Read() && create.FieldCount > 0 && !create.IsNull(0) && create.GetInt64(0) != 0);
        }

        using var insert = connection.Query("INSERT INTO counted VALUES (1), (2)");
        Assert.Equal("Count", insert.Columns[0].Name);
        Assert.True(insert.Read());
        Assert.Equal(2, insert.GetInt64(0));
    }

    [Fact]
    public void Interrupt_WhileStreaming_StopsTheQueryWithAnInterruptError()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT range FROM range(1000000000)");
        Assert.True(reader.Read());

        connection.Interrupt();

        var error = Assert.Throws<DuckDbException>(() =>
        {
            while (reader.Read())
            {
            }
        });
        Assert.Equal(DuckDbErrorType.Interrupt, error.ErrorType);
    }

    [Fact]
    public async Task Interrupt_FromAnotherThread_StopsALongExecute()
    {
        using var connection = duck.Connect();
        var running = Task.Run(() => connection.Execute("SELECT count(*) FROM range(100000) a, range(100000) b WHERE a.range + b.range = -1"));

        // An interrupt that lands before the query starts is cleared by the start, so keep asking until it stops.
        while (!running.IsCompleted)
        {
            connection.Interrupt();
            await Task.WhenAny(running, Task.Delay(20));
        }

        var error = await Assert.ThrowsAsync<DuckDbException>(() => running);
        Assert.Equal(DuckDbErrorType.Interrupt, error.ErrorType);
    }

    [Fact]
    public void Connections_OnSeveralThreads_QueryTheSameDatabaseConcurrently()
    {
        using (var setup = duck.Connect())
        {
            setup.Execute("CREATE OR REPLACE TABLE shared_numbers AS SELECT range AS n FROM range(10000)");
        }

        var sums = Enumerable.Range(0, 8).AsParallel().Select(_ =>
        {
            using var connection = duck.Database.Connect();
            return (long)DuckDbFixture.ScalarOn(connection, "SELECT sum(n)::BIGINT FROM shared_numbers")!;
        }).ToList();

        Assert.All(sums, sum => Assert.Equal(49995000L, sum));
    }

    [Fact]
    public void Read_AfterAnotherStatementRanOnTheConnection_ThrowsInsteadOfReturningStaleRows()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT range FROM range(100000)");
        Assert.True(reader.Read());

        connection.Execute("SELECT 1");

        var error = Assert.Throws<DuckDbException>(() =>
        {
            while (reader.Read())
            {
            }
        });
        Assert.Contains("closed pending query result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConstantAndDictionaryVectors_ReadLikeFlatOnes()
    {
        using var connection = duck.Connect();
        var file = Path.Combine(Path.GetTempPath(), $"hakiri-dictionary-{Guid.NewGuid():N}.parquet");
        try
        {
            connection.Execute($"COPY (SELECT 'category ' || (range % 3) AS category, range FROM range(10000)) TO '{file}' (FORMAT parquet)");
            using var reader = connection.Query($"SELECT 'constant' AS c, 42 AS n, [1, 2] AS l, category, range FROM read_parquet('{file}')");

            var rows = 0;
            while (reader.Read())
            {
                Assert.Equal(["constant", 42, "[1, 2]"], new[] { reader.GetValue(0), reader.GetValue(1), reader.GetValue(2) });
                Assert.Equal("category " + (reader.GetInt64(4) % 3), reader.GetString(3));
                rows++;
            }

            Assert.Equal(10000, rows);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
