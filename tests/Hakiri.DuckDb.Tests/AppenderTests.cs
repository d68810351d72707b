namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class AppenderTests(DuckDbFixture duck)
{
    [Fact]
    public void Append_ManyRowsOfEveryAppendableType_ArriveInTheTable()
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE appended (id BIGINT, n INTEGER, name VARCHAR, price DECIMAL(18,2), ratio DOUBLE, ok BOOLEAN, day DATE, ts TIMESTAMP, uid UUID, raw BLOB, note VARCHAR)");
        var guid = Guid.Parse("0e1bb1a8-6c1f-4b1e-9e1d-2a0b6d3c9f7e");

        using (var appender = connection.CreateAppender("appended"))
        {
            Assert.Equal(11, appender.ColumnCount);
            for (var i = 0; i < 10_000; i++)
            {
                appender.Append((long)i).Append(i).Append("name " + i).Append(i + 0.5m).Append(i / 4.0).Append(i % 2 == 0)
                    .Append(new DateOnly(2024, 1, 1)).Append(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i))
                    .Append(guid).Append(new byte[] { (byte)i }).Append(i % 3 == 0 ? null : "x").EndRow();
            }
        }

        using var reader = connection.Query("SELECT count(*), sum(id)::BIGINT, sum(price), count(note), max(ts), any_value(uid), max(raw) FROM appended");
        Assert.True(reader.Read());
        Assert.Equal(10_000, reader.GetInt64(0));
        Assert.Equal(49_995_000L, reader.GetValue(1));
        Assert.Equal(49_995_000m + 5000m, reader.GetValue(2));
        Assert.Equal(6666, reader.GetInt64(3));
        Assert.Equal(new DateTime(2024, 1, 1, 2, 46, 39, DateTimeKind.Utc), reader.GetValue(4));
        Assert.Equal(guid, reader.GetValue(5));
        Assert.Equal(new byte[] { 255 }, reader.GetValue(6));
    }

    [Fact]
    public void CreateAppender_UnknownTable_ThrowsNamingIt()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.CreateAppender("no_such_table"));

        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndRow_MissingColumns_ThrowsDuckDbException()
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE two_columns (a INTEGER, b INTEGER)");
        using var appender = connection.CreateAppender("two_columns");

        appender.Append(1);

        Assert.Throws<DuckDbException>(() => appender.EndRow());
    }

    [Fact]
    public void Flush_ConstraintViolation_ThrowsConstraintMessage()
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE unique_ids (id INTEGER PRIMARY KEY)");
        var appender = connection.CreateAppender("unique_ids");
        appender.Append(1).EndRow().Append(1).EndRow();

        var error = Assert.Throws<DuckDbException>(() => appender.Flush());

        Assert.Contains("duplicate key \"1\"", error.Message, StringComparison.Ordinal);
        appender.Dispose();
    }
}
