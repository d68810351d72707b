using System.Globalization;

namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class ScalarValueTests(DuckDbFixture duck)
{
    public static TheoryData<string, object> Scalars => new()
    {
        { "true", true },
        { "false", false },
        { "(-128)::TINYINT", (sbyte)-128 },
        { "(-32768)::SMALLINT", (short)-32768 },
        { "2147483647::INTEGER", int.MaxValue },
        { "(-9223372036854775808)::BIGINT", long.MinValue },
        { "255::UTINYINT", (byte)255 },
        { "65535::USMALLINT", ushort.MaxValue },
        { "4294967295::UINTEGER", uint.MaxValue },
        { "18446744073709551615::UBIGINT", ulong.MaxValue },
        { "1.5::FLOAT", 1.5f },
        { "0.1::DOUBLE", 0.1d },
        { "'nan'::DOUBLE", double.NaN },
        { "'-inf'::DOUBLE", double.NegativeInfinity },
        { "'hello'", "hello" },
        { "''", "" },
        { "'exactly12byt'", "exactly12byt" },
        { "'thirteen byte'", "thirteen byte" },
        { "'ünïcødé — 日本語 🎉'", "ünïcødé — 日本語 🎉" },
        { "DATE '2024-02-29'", new DateOnly(2024, 2, 29) },
        { "DATE '0001-01-01'", new DateOnly(1, 1, 1) },
        { "DATE '1969-12-31'", new DateOnly(1969, 12, 31) },
        { "'infinity'::DATE", DateOnly.MaxValue },
        { "'-infinity'::DATE", DateOnly.MinValue },
        { "TIME '13:45:30.123456'", new TimeOnly(13, 45, 30, 123, 456) },
        { "TIME '00:00:00'", TimeOnly.MinValue },
        { "TIMESTAMP '2024-03-01 12:34:56.789012'", new DateTime(2024, 3, 1, 12, 34, 56, 789, 12, DateTimeKind.Utc) },
        { "TIMESTAMP '1900-01-01 00:00:00'", new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        { "TIMESTAMP_S '2024-03-01 12:34:56'", new DateTime(2024, 3, 1, 12, 34, 56, DateTimeKind.Utc) },
        { "TIMESTAMP_MS '2024-03-01 12:34:56.789'", new DateTime(2024, 3, 1, 12, 34, 56, 789, DateTimeKind.Utc) },
        { "TIMESTAMP_NS '2024-03-01 12:34:56.123456789'", new DateTime(2024, 3, 1, 12, 34, 56, 123, 456, DateTimeKind.Utc).AddTicks(7) },
        { "'infinity'::TIMESTAMP", DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) },
        { "TIMESTAMPTZ '2024-03-01 12:00:00+02'", new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero) },
        { "INTERVAL '1 year 2 months 3 days 04:05:06.5'", new DuckDbInterval(14, 3, 14_706_500_000) },
        { "'0e1bb1a8-6c1f-4b1e-9e1d-2a0b6d3c9f7e'::UUID", Guid.Parse("0e1bb1a8-6c1f-4b1e-9e1d-2a0b6d3c9f7e") },
        { "'ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID", Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff") },
        { "'00000000-0000-0000-0000-000000000000'::UUID", Guid.Empty },
        { "'b'::ENUM('a', 'b')", "b" },
        { "'{\"a\": 1}'::JSON", "{\"a\": 1}" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void GetValue_ScalarType_ReturnsMappedDotNetValue(string expression, object expected)
    {
        var value = duck.Scalar($"SELECT {expression}");

        Assert.Equal(expected, value);
        Assert.IsType(expected.GetType(), value);
        if (value is DateTime time)
        {
            Assert.Equal(DateTimeKind.Utc, time.Kind);
        }
    }

    [Fact]
    public void GetValue_HugeInts_ReturnInt128AndUInt128()
    {
        Assert.Equal(Int128.MinValue + 1, duck.Scalar("SELECT (-170141183460469231731687303715884105727)::HUGEINT"));
        Assert.Equal(UInt128.MaxValue, duck.Scalar("SELECT 340282366920938463463374607431768211455::UHUGEINT"));
        Assert.Equal((Int128)(-1), duck.Scalar("SELECT (-1)::HUGEINT"));
    }

    [Theory]
    [InlineData("DECIMAL(4,1)", "-123.4")]
    [InlineData("DECIMAL(9,4)", "12345.6789")]
    [InlineData("DECIMAL(18,2)", "-9999999999999999.99")]
    [InlineData("DECIMAL(18,0)", "999999999999999999")]
    [InlineData("DECIMAL(28,10)", "123456789012345678.0123456789")]
    [InlineData("DECIMAL(38,2)", "-79228162514264337593543950.33")]
    [InlineData("DECIMAL(38,37)", "0.1000000000000000000000000000000000000")]
    [InlineData("DECIMAL(3,3)", "0.005")]
    public void GetValue_DecimalOfEveryWidth_KeepsEveryDigit(string type, string literal)
    {
        var value = duck.Scalar($"SELECT '{literal}'::{type}");

        var expected = decimal.Parse(literal, CultureInfo.InvariantCulture);
        Assert.Equal(expected, value);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture).TrimEnd('0'), ((decimal)value!).ToString(CultureInfo.InvariantCulture).TrimEnd('0'));
    }

    [Fact]
    public void GetValue_DecimalBeyondSystemDecimal_ThrowsOverflowWithAdvice()
    {
        var error = Assert.Throws<OverflowException>(() => duck.Scalar("SELECT '99999999999999999999999999999999999999'::DECIMAL(38,0)"));

        Assert.Contains("cast it to DOUBLE or VARCHAR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetValue_Blob_ReturnsBytes()
    {
        Assert.Equal(new byte[] { 0xAA, 0x00, (byte)'a', (byte)'b' }, duck.Scalar("SELECT '\\xAA\\x00ab'::BLOB"));
        Assert.Equal(Enumerable.Repeat((byte)'z', 40).ToArray(), duck.Scalar("SELECT repeat('z', 40)::BLOB"));
    }

    [Fact]
    public void GetValue_StringsLongAndShortInOneChunk_ReadsInlinedAndPointerStrings()
    {
        var values = duck.Column("SELECT repeat('x', i::INTEGER) || i::VARCHAR FROM range(0, 40) t(i) ORDER BY i");

        Assert.Equal(40, values.Count);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(new string('x', i) + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }
    }

    [Fact]
    public void IsNull_NullsOfEveryType_AreNullAndGetValueReturnsNull()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query(
            "SELECT NULL::BOOLEAN, NULL::INTEGER, NULL::BIGINT, NULL::DOUBLE, NULL::DECIMAL(18,2), NULL::VARCHAR, NULL::BLOB, " +
            "NULL::DATE, NULL::TIMESTAMP, NULL::TIMESTAMPTZ, NULL::UUID, NULL::INTEGER[], NULL::STRUCT(a INTEGER), NULL, NULL::INTERVAL");

        Assert.True(reader.Read());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            Assert.True(reader.IsNull(i), reader.Columns[i].Type.Name);
            Assert.Null(reader.GetValue(i));
        }

        Assert.Throws<InvalidOperationException>(() => reader.GetString(1));
        Assert.Throws<InvalidOperationException>(() => reader.GetInt64(1));
    }

    [Fact]
    public void IsNull_NullsScatteredOverManyChunks_FollowTheValidityMask()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END FROM range(10000) t(i) ORDER BY i");

        var row = 0L;
        while (reader.Read())
        {
            Assert.Equal(row % 7 == 0, reader.IsNull(0));
            Assert.Equal(row % 3 == 0, reader.IsNull(1));
            if (row % 7 != 0)
            {
                Assert.Equal(row, reader.GetInt64(0));
            }

            row++;
        }

        Assert.Equal(10000, row);
    }

    [Fact]
    public void GetString_NonTextColumns_RenderLikeDuckDb()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT 42, 1.50::DECIMAL(5,2), DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05', true, 'abc'");

        Assert.True(reader.Read());
        Assert.Equal(["42", "1.50", "2024-01-02", "2024-01-02 03:04:05", "true", "abc"], Enumerable.Range(0, 6).Select(reader.GetString));
    }

    [Fact]
    public void GetInt64_NonIntegerColumn_ThrowsInvalidCast()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT 'text', 1.5::DOUBLE");

        Assert.True(reader.Read());
        Assert.Throws<InvalidCastException>(() => reader.GetInt64(0));
        Assert.Throws<InvalidCastException>(() => reader.GetInt64(1));
    }

    [Fact]
    public void GetValue_DateBeforeYearOne_ThrowsOverflowButGetStringWorks()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT DATE '0044-03-15 (BC)'");

        Assert.True(reader.Read());
        Assert.Throws<OverflowException>(() => reader.GetValue(0));
        Assert.Equal("0044-03-15 (BC)", reader.GetString(0));
    }

    [Fact]
    public void GetValueOrText_WideDecimal_IsExactTextAndNarrowOneADecimal()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT '-12345678901234567890123456789012.345678'::DECIMAL(38,6), 12.50::DECIMAL(10,2), NULL::DECIMAL(38,0)");

        Assert.True(reader.Read());
        Assert.Equal("-12345678901234567890123456789012.345678", reader.GetValueOrText(0));
        Assert.Equal(12.50m, reader.GetValueOrText(1));
        Assert.Null(reader.GetValueOrText(2));
    }

    [Fact]
    public void Columns_ReportNamesAndClrTypes()
    {
        using var connection = duck.Connect();
        using var reader = connection.Query("SELECT 1::BIGINT AS id, 'x' AS name, 1.25::DECIMAL(18,2) AS price, [1] AS tags");

        Assert.Equal(["id", "name", "price", "tags"], reader.Columns.Select(c => c.Name));
        Assert.Equal([typeof(long), typeof(string), typeof(decimal), typeof(string)], reader.Columns.Select(c => c.Type.ClrType));
        Assert.Equal((18, 2), (reader.Columns[2].Type.Precision, reader.Columns[2].Type.Scale));
        Assert.Equal(2, reader.GetOrdinal("PRICE"));
    }
}
