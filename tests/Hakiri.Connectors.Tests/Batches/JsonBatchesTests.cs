using Apache.Arrow;
using Apache.Arrow.Types;
using Hakiri.Connectors.Batches;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Tests.Batches;

public sealed class JsonBatchesTests
{
    [Fact]
    public void Build_EveryScalarKind_InfersTypesInFirstSeenOrder()
    {
        var batch = Build("""
            [{"id": 1, "ok": true, "score": 1.5, "name": "Ada", "at": "2026-11-30T08:15:00Z", "day": "2026-11-30", "meta": {"a": 1}, "tags": ["x"], "none": null},
             {"id": 2, "ok": false, "score": 2, "name": "Zoë", "at": "2026-11-30T08:15:00.123456+02:00", "day": "2024-02-29", "meta": null, "tags": [], "extra": "late"}]
            """);

        Assert.Equal(["id", "ok", "score", "name", "at", "day", "meta", "tags", "none", "extra"], batch.Schema.Columns.Select(c => c.Name));
        Assert.Equal(
            [ColumnKind.Int64, ColumnKind.Boolean, ColumnKind.Float64, ColumnKind.Utf8, ColumnKind.Timestamp, ColumnKind.Date, ColumnKind.Json, ColumnKind.Json, ColumnKind.Utf8, ColumnKind.Utf8],
            batch.Schema.Columns.Select(c => c.Type.Kind));
        Assert.Equal(
            [ArrowTypeId.Int64, ArrowTypeId.Boolean, ArrowTypeId.Double, ArrowTypeId.String, ArrowTypeId.Timestamp, ArrowTypeId.Date32, ArrowTypeId.String, ArrowTypeId.String, ArrowTypeId.String, ArrowTypeId.String],
            batch.Records.Schema.FieldsList.Select(f => f.DataType.TypeId));
        Assert.Equal(2, batch.Records.Length);
        Assert.Equal([1L, 2L], Column<Int64Array>(batch, "id").Values.ToArray());
        Assert.Equal([true, false], Bools(batch, "ok"));
        Assert.Equal([1.5, 2.0], Column<DoubleArray>(batch, "score").Values.ToArray());
        Assert.Equal(["Ada", "Zoë"], Strings(batch, "name"));
        Assert.Equal(new DateOnly(2024, 2, 29), Column<Date32Array>(batch, "day").GetDateOnly(1));
        Assert.Equal(["""{"a": 1}""", null], Strings(batch, "meta"));
        Assert.Equal(["""["x"]""", "[]"], Strings(batch, "tags"));
        Assert.Equal(2, Column<StringArray>(batch, "none").NullCount);
        Assert.Equal([null, "late"], Strings(batch, "extra"));
    }

    [Fact]
    public void Build_Timestamps_AreMicrosecondsUtc()
    {
        var batch = Build("""[{"at": "2026-11-30T08:15:00Z"}, {"at": "2026-11-30T08:15:00.1234567+02:00"}, {"at": "1969-12-31t23:59:59.5z"}, {"at": null}]""");

        var at = Column<TimestampArray>(batch, "at");
        var type = Assert.IsType<TimestampType>(at.Data.DataType);
        Assert.Equal(TimeUnit.Microsecond, type.Unit);
        Assert.Equal("UTC", type.Timezone);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero), at.GetTimestamp(0));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 6, 15, 0, TimeSpan.Zero).AddTicks(1_234_560), at.GetTimestamp(1));
        Assert.Equal(-500_000L, at.GetValue(2));
        Assert.True(at.IsNull(3));
    }

    [Theory]
    [InlineData("\"2026-11-30T08:15:00\"", ColumnKind.Utf8)]
    [InlineData("\"2026-02-30\"", ColumnKind.Utf8)]
    [InlineData("\"2026-11-30T24:00:00Z\"", ColumnKind.Utf8)]
    [InlineData("\"2026-11-30\"", ColumnKind.Date)]
    [InlineData("\"2026-11-30 08:15:00-05:30\"", ColumnKind.Timestamp)]
    [InlineData("9223372036854775807", ColumnKind.Int64)]
    [InlineData("9223372036854775808", ColumnKind.Float64)]
    [InlineData("1e3", ColumnKind.Float64)]
    [InlineData("\"yes\"", ColumnKind.Utf8)]
    public void Build_OneValue_InfersItsKind(string value, ColumnKind expected)
    {
        var batch = Build($$"""[{"v": {{value}}}]""");

        Assert.Equal(expected, batch.Schema.Columns.Single().Type.Kind);
    }

    [Theory]
    [InlineData("\"2026-11-30\"", "\"2026-11-30T08:15:00Z\"", ColumnKind.Utf8)]
    [InlineData("\"2026-11-30T08:15:00Z\"", "\"soon\"", ColumnKind.Utf8)]
    [InlineData("1", "2.5", ColumnKind.Float64)]
    [InlineData("1", "\"1\"", ColumnKind.Json)]
    [InlineData("true", "1", ColumnKind.Json)]
    [InlineData("\"a\"", "[1]", ColumnKind.Json)]
    [InlineData("null", "null", ColumnKind.Utf8)]
    public void Build_TwoValues_InfersTheirCommonKind(string first, string second, ColumnKind expected)
    {
        var batch = Build($$"""[{"v": {{first}}}, {"v": {{second}}}]""");

        Assert.Equal(expected, batch.Schema.Columns.Single().Type.Kind);
    }

    [Fact]
    public void Build_MixedKinds_KeepEachValuesJsonText()
    {
        var batch = Build("""[{"v": 1}, {"v": "one"}, {"v": {"n": [1, "ü"]}}, {"v": null}, {}]""");

        Assert.Equal(["1", "\"one\"", """{"n": [1, "ü"]}""", null, null], Strings(batch, "v"));
    }

    [Fact]
    public void Build_TextWithEscapesAndNonAscii_IsDecoded()
    {
        var batch = Build("""[{"s": "line\nnext \"quoted\" \u00e9"}, {"s": "東京 🚀"}, {"s": ""}]""");

        Assert.Equal(["line\nnext \"quoted\" é", "東京 🚀", ""], Strings(batch, "s"));
    }

    [Fact]
    public void Build_KeysInAnyOrderAndRepeated_MapByNameAndLastWins()
    {
        var batch = Build("""[{"a": 1, "b": "x"}, {"b": "y", "a": 2}, {"a": 3, "a": 4}, {"c": true, "b": "z"}]""");

        Assert.Equal(["a", "b", "c"], batch.Schema.Columns.Select(c => c.Name));
        Assert.Equal([1L, 2L, 4L, null], Longs(batch, "a"));
        Assert.Equal(["x", "y", null, "z"], Strings(batch, "b"));
    }

    [Fact]
    public void Build_NonObjectRecord_ThrowsSchemaIncompatibleNamingTableAndPosition()
    {
        var error = Assert.Throws<ConnectorException>(() => Build("""[{"a": 1}, [1, 2]]""", table: "issues"));

        Assert.Equal(ConnectorErrorKind.SchemaIncompatible, error.Kind);
        Assert.Contains("'issues'", error.Message, StringComparison.Ordinal);
        Assert.Contains("record 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PrimaryKey_IsNonNullable()
    {
        var batch = Build("""[{"id": 1, "name": "a"}, {"name": "b", "id": 2}]""", primaryKey: ["id"]);

        Assert.False(batch.Schema.Columns[0].Nullable);
        Assert.True(batch.Schema.Columns[1].Nullable);
        Assert.False(batch.Records.Schema.GetFieldByName("id").IsNullable);
        Assert.Equal(["id"], batch.Schema.PrimaryKey);
        Assert.Equal("issues", batch.Schema.Name);
        Assert.Equal("https://api.example.com/issues?page=1", batch.Locator);
    }

    [Theory]
    [InlineData("""[{"id": 1}, {"name": "b"}]""")]
    [InlineData("""[{"id": 1}, {"id": null}]""")]
    public void Build_PrimaryKeyMissingOrNull_ThrowsNamingKeyAndPosition(string records)
    {
        var error = Assert.Throws<ConnectorException>(() => Build(records, primaryKey: ["id"]));

        Assert.Equal(ConnectorErrorKind.SchemaIncompatible, error.Kind);
        Assert.Contains("'issues'", error.Message, StringComparison.Ordinal);
        Assert.Contains("record 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoRecords_IsAnEmptyBatch()
    {
        var batch = Build("[]");

        Assert.Equal(0, batch.Records.Length);
        Assert.Empty(batch.Schema.Columns);
    }

    private static SourceBatch Build(string records, string table = "issues", string[]? primaryKey = null) =>
        JsonBatches.Build(table, Json.Records(records), "https://api.example.com/issues?page=1", primaryKey ?? []);

    private static List<string?> Strings(SourceBatch batch, string name)
    {
        var column = Column<StringArray>(batch, name);
        return Enumerable.Range(0, column.Length).Select(i => (string?)column.GetString(i)).ToList();
    }

    private static long?[] Longs(SourceBatch batch, string name)
    {
        var column = Column<Int64Array>(batch, name);
        return Enumerable.Range(0, column.Length).Select(column.GetValue).ToArray();
    }

    private static bool?[] Bools(SourceBatch batch, string name)
    {
        var column = Column<BooleanArray>(batch, name);
        return Enumerable.Range(0, column.Length).Select(column.GetValue).ToArray();
    }

    private static T Column<T>(SourceBatch batch, string name)
        where T : IArrowArray =>
        Assert.IsType<T>(batch.Records.Column(name));
}
