namespace Hakiri.DuckDb.Tests;

/// <summary>
/// Nested values come back as text; DuckDB itself is the oracle: each expression's rendering must equal what
/// <c>CAST(x AS VARCHAR)</c> gives, and each column type's name what <c>typeof(x)</c> gives.
/// </summary>
[Collection(DuckDbCollection.Name)]
public sealed class TextRenderingTests(DuckDbFixture duck)
{
    public static TheoryData<string> Expressions => new()
    {
        "[1, 2, 3]",
        "[1, NULL, 3]",
        "[]::INTEGER[]",
        "[[1, 2], [], NULL, [3]]",
        "['a', 'b c', NULL, 'it''s', '', ' lead', 'trail ', 'NULL', 'null', '[x]', 'a,b', 'k=v', 'a:b', '{', 'x\\y', 'q\"', 'x\\y''z']",
        "['a' || chr(9) || 'b', chr(10), 'ünï', repeat('long string ', 3)]",
        "{'a': 1, 'b': 'x', 'c': NULL::INTEGER}",
        "{'name': 'n', 'value': [1], 'A': 2, 'a b': 3, 'it''s': 4, '1x': 5, 'select': {'id': 6}}",
        "MAP {'k': 1, 'j k': 2, '': 3}",
        "MAP {1: [1, 2], 2: NULL}",
        "MAP {'a=b': 'c:d'}",
        "[MAP {'k': [1]}, NULL]",
        "[{'k': [1, NULL], 'v': {'x': NULL::VARCHAR}}]",
        "[1, 2, 3]::INTEGER[3]",
        "[[1, 2], [3, 4]]::INTEGER[2][2]",
        "[1.5::DOUBLE, 0.1, 1e20, 1 / 3, 100.0, 1e-5, 1e15, 1e16, 123456789012345678, -2.5e-7, 5e-324, 1.7976931348623157e308, 'nan'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, '-0.0'::DOUBLE, 0.0]",
        "[1.5::FLOAT, 0.1::FLOAT, 1e20::FLOAT, 3.4028235e38::FLOAT, 16777216::FLOAT, 1e-5::FLOAT, 123456.7::FLOAT, (1 / 3)::FLOAT]",
        "[1.5::DECIMAL(4,1), -0.05::DECIMAL(4,2), 0::DECIMAL(3,2), 123456789012345678901234567890.12::DECIMAL(38,2)]",
        "[true, false]",
        "[(-128)::TINYINT], [255::UTINYINT], [1::HUGEINT], [(-170141183460469231731687303715884105727)::HUGEINT], [340282366920938463463374607431768211455::UHUGEINT]",
        "[DATE '2024-01-02', DATE '0001-01-01', DATE '0044-03-15 (BC)', DATE '99999-12-31', 'infinity'::DATE, '-infinity'::DATE]",
        "[TIMESTAMP '2024-01-02 03:04:05.5', TIMESTAMP '1960-01-01 00:00:00.000001', TIMESTAMP '1969-12-31 23:59:59', 'infinity'::TIMESTAMP]",
        "[TIMESTAMP_S '2024-01-01 00:00:01', TIMESTAMP_MS '2024-01-01 00:00:01.12', TIMESTAMP_NS '2024-01-01 00:00:01.123456789', TIMESTAMP_NS '1960-01-01 00:00:00.5']",
        "[TIMESTAMPTZ '2024-01-02 03:04:05.5+00', TIMESTAMPTZ '2024-06-01 00:00:00+05:30']",
        "[TIME '12:00:00', TIME '24:00:00', TIME '00:00:00.000001']",
        "[INTERVAL '1 year 2 months 3 days 04:05:06.5', INTERVAL '-1 day', INTERVAL '-01:00:00', INTERVAL '0 seconds', INTERVAL '1 month', INTERVAL '-1 day -00:00:01', INTERVAL '25 months', INTERVAL '1 day 00:00:01']",
        "['\\xAA\\x00ab\\x5C'::BLOB, 'a''b\"c'::BLOB, ''::BLOB]",
        "['10101'::BIT, '1'::BIT, '111100001'::BIT]",
        "['12:34:56+02:30'::TIMETZ, '12:34:56-05'::TIMETZ, '01:02:03.25+00'::TIMETZ, '10:00:00+01:02:03'::TIMETZ]",
        "[uuid '12345678-1234-5678-1234-567812345678', uuid 'ffffffff-0000-0000-0000-000000000000']",
        "['a'::ENUM('a', 'x,y'), 'x,y'::ENUM('a', 'x,y')]",
        "[union_value(num := 2)::UNION(num INTEGER, str VARCHAR), union_value(str := 'x, y')::UNION(num INTEGER, str VARCHAR)]",
        "['{\"a\": [1, 2]}'::JSON]",
        "{'t': TIMESTAMP '2024-01-02 03:04:05', 'd': 1.25::DECIMAL(5,2), 'u': uuid '12345678-1234-5678-1234-567812345678'}",
        "'10101'::BIT",
        "'12:34:56+02:30'::TIMETZ",
        "union_value(num := 2)::UNION(num INTEGER, str VARCHAR)",
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public void GetString_NestedAndExoticValues_MatchDuckDbCastToVarchar(string expression)
    {
        using var connection = duck.Connect();
        // COLUMNS(*) repeats every column of the expression list, cast by DuckDB itself.
        using var reader = connection.Query($"SELECT *, COLUMNS(*)::VARCHAR FROM (SELECT {expression})");
        var count = reader.FieldCount / 2;

        Assert.True(reader.Read());
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(reader.GetString(count + i), reader.GetString(i));
        }
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void ColumnType_AnyExpression_IsNamedAsTypeofNamesIt(string expression)
    {
        using var connection = duck.Connect();
        using var reader = connection.Query($"SELECT *, typeof(COLUMNS(*)) FROM (SELECT {expression})");
        var count = reader.FieldCount / 2;

        Assert.True(reader.Read());
        Assert.Equal(Enumerable.Range(count, count).Select(reader.GetString), reader.Columns.Take(count).Select(c => c.Type.Name));
    }

    [Theory]
    [InlineData("SELECT 1::BIGINT", "BIGINT")]
    [InlineData("SELECT 'x'", "VARCHAR")]
    [InlineData("SELECT 1.5::DECIMAL(18,2)", "DECIMAL(18,2)")]
    [InlineData("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00'", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("SELECT [1, 2]", "INTEGER[]")]
    [InlineData("SELECT {'a': 1, 'b': 'x'}", "STRUCT(a INTEGER, b VARCHAR)")]
    [InlineData("SELECT MAP {'k': 1}", "MAP(VARCHAR, INTEGER)")]
    [InlineData("SELECT '{}'::JSON", "JSON")]
    [InlineData("SELECT NULL", "INTEGER")]
    public void ColumnType_CommonTypes_HaveDuckDbNames(string sql, string name)
    {
        using var connection = duck.Connect();
        using var reader = connection.Query(sql);

        Assert.Equal(name, reader.Columns[0].Type.Name);
    }

    [Fact]
    public void GetValue_ListColumn_ReturnsTheTextRendering()
    {
        Assert.Equal("[1, 2, 3]", duck.Scalar("SELECT [1, 2, 3]"));
        Assert.Equal("{'a': 1}", duck.Scalar("SELECT {'a': 1}"));
    }

    [Fact]
    public void Keywords_MatchTheLoadedLibrary()
    {
        var library = duck.Column("SELECT keyword_name FROM duckdb_keywords()");

        Assert.Equal(library.Order(StringComparer.Ordinal), SqlKeywords.All.Order(StringComparer.Ordinal));
    }
}
