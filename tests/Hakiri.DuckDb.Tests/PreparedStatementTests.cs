namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class PreparedStatementTests(DuckDbFixture duck)
{
    public static TheoryData<object, string> Values => new()
    {
        { "short", "VARCHAR" },
        { "a string longer than twelve bytes, ünïcødé 🎉", "VARCHAR" },
        { "", "VARCHAR" },
        { true, "BOOLEAN" },
        { (sbyte)-5, "TINYINT" },
        { (short)-300, "SMALLINT" },
        { 123456, "INTEGER" },
        { long.MaxValue, "BIGINT" },
        { (byte)200, "UTINYINT" },
        { (ushort)60000, "USMALLINT" },
        { uint.MaxValue, "UINTEGER" },
        { ulong.MaxValue, "UBIGINT" },
        { Int128.MaxValue, "HUGEINT" },
        { UInt128.MaxValue, "UHUGEINT" },
        { 1.25f, "FLOAT" },
        { Math.PI, "DOUBLE" },
        { 123.45m, "DECIMAL(5,2)" },
        { -0.001m, "DECIMAL(4,3)" },
        { 79228162514264337593543950335m, "DECIMAL(29,0)" },
        { new DateOnly(2024, 2, 29), "DATE" },
        { new TimeOnly(23, 59, 58, 123, 456), "TIME" },
        { new DateTime(2024, 3, 1, 12, 34, 56, 789, 123, DateTimeKind.Utc), "TIMESTAMP" },
        { new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero), "TIMESTAMP WITH TIME ZONE" },
        { new DuckDbInterval(14, 3, 5_000_000), "INTERVAL" },
        { new byte[] { 0, 1, 2, 255 }, "BLOB" },
        { Array.Empty<byte>(), "BLOB" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Bind_SupportedValue_RoundTripsWithItsDuckDbType(object value, string type)
    {
        using var connection = duck.Connect();
        using var statement = connection.Prepare("SELECT $1, typeof($1)");
        statement.Bind(1, value);

        using var reader = statement.Query();

        Assert.True(reader.Read());
        Assert.Equal(value, reader.GetValue(0));
        Assert.Equal(type, reader.GetString(1));
    }

    [Fact]
    public void Bind_NullGuidTimeSpanAndLocalTime_BindAsDocumented()
    {
        using var connection = duck.Connect();
        using var statement = connection.Prepare("SELECT $1::INTEGER, $2::UUID, $3, $4");
        var guid = Guid.NewGuid();
        var local = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Local);
        statement.Bind(1, null).Bind(2, guid).Bind(3, TimeSpan.FromHours(26.5)).Bind(4, local);

        using var reader = statement.Query();

        Assert.True(reader.Read());
        Assert.True(reader.IsNull(0));
        Assert.Equal(guid, reader.GetValue(1));
        Assert.Equal(new DuckDbInterval(0, 1, 2 * 3_600_000_000L + 1_800_000_000L), reader.GetValue(2));
        Assert.Equal(local.ToUniversalTime(), reader.GetValue(3));
    }

    [Fact]
    public void Bind_NamedParameter_BindsByName()
    {
        using var connection = duck.Connect();
        using var statement = connection.Prepare("SELECT $greeting || ', ' || $name");
        statement.Bind("name", "world").Bind("greeting", "hello");

        Assert.Equal("hello, world", DuckDbFixture.ScalarOn(statement));
    }

    [Fact]
    public void Execute_SameStatementManyTimes_UsesTheNewValuesEachTime()
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE bound (id BIGINT, name VARCHAR, price DECIMAL(18,2), ts TIMESTAMP, day DATE, ok BOOLEAN)");
        using var insert = connection.Prepare("INSERT INTO bound VALUES (?, ?, ?, ?, ?, ?)");

        Assert.Equal(6, insert.ParameterCount);
        Assert.Equal(DuckDbStatementType.Insert, insert.StatementType);
        for (var i = 0; i < 100; i++)
        {
            insert.Bind(1, (long)i).Bind(2, "name " + i).Bind(3, i + 0.25m).Bind(4, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i))
                .Bind(5, new DateOnly(2024, 1, 1).AddDays(i)).Bind(6, i % 2 == 0);
            Assert.Equal(1, insert.Execute());
        }

        using var reader = connection.Query("SELECT count(*), sum(id)::BIGINT, sum(price), max(ts), max(day), count(*) FILTER (WHERE ok) FROM bound");
        Assert.True(reader.Read());
        Assert.Equal(100, reader.GetInt64(0));
        Assert.Equal(4950L, reader.GetValue(1));
        Assert.Equal(4975m, reader.GetValue(2));
        Assert.Equal(new DateTime(2024, 1, 5, 3, 0, 0, DateTimeKind.Utc), reader.GetValue(3));
        Assert.Equal(new DateOnly(2024, 4, 9), reader.GetValue(4));
        Assert.Equal(50, reader.GetInt64(5));
    }

    [Fact]
    public void ClearBindings_ThenExecute_FailsForMissingValues()
    {
        using var connection = duck.Connect();
        using var statement = connection.Prepare("SELECT $1::INTEGER");
        statement.Bind(1, 5);
        Assert.Equal(5, DuckDbFixture.ScalarOn(statement));

        statement.ClearBindings();

        Assert.Throws<DuckDbException>(() => statement.Execute());
    }

    [Fact]
    public void Bind_IndexOutOfRange_ThrowsDuckDbException()
    {
        using var connection = duck.Connect();
        using var statement = connection.Prepare("SELECT $1");

        Assert.Throws<DuckDbException>(() => statement.Bind(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => statement.Bind(0, 1));
        Assert.Throws<DuckDbException>(() => statement.Bind("missing", 1));
    }

    [Fact]
    public void Bind_UnsupportedType_ThrowsArgumentException()
    {
        using var connection = duck.Connect();
        using var statement = connection.Prepare("SELECT $1");

        var error = Assert.Throws<ArgumentException>(() => statement.Bind(1, new Uri("https://example.com")));

        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }
}
