using System.Globalization;
using Hakiri.Connectors.Batches;
using Hakiri.Connectors.Contract;
using Hakiri.DuckDb;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Batches;

/// <summary>The path a batch takes to the store: JSON → Arrow → DuckDB (JSON columns cast) → Parquet, read back by DuckDB.</summary>
public sealed class JsonToParquetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Build_ThenRegisterAndCopy_ParquetHoldsTypedColumnsAndJson()
    {
        var batch = JsonBatches.Build("issues", Json.Records("""
            [{"id": 1, "title": "Zoë's bug 東京", "open": true, "score": 0.5, "created": "2026-11-30T08:15:00.25+01:00", "due": "2026-12-01",
              "labels": ["bug", "ü"], "user": {"login": "ada", "id": 7}, "state": "open"},
             {"id": 2, "title": null, "open": false, "score": 3, "created": "2026-11-30T09:00:00Z",
              "labels": [], "user": null, "state": 2}]
            """), "https://api.example.com/issues", ["id"]);
        var file = _temp.Combine("issues.parquet").Replace("'", "''", StringComparison.Ordinal);
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        connection.Execute("SET TimeZone = 'UTC'");

        using (connection.RegisterArrowStream("batch", new ArrowBatchStream(batch.Records.Schema, [batch.Records])))
        {
            connection.Execute($"COPY (SELECT {Projection(batch.Schema)} FROM batch) TO '{file}' (FORMAT parquet)");
        }

        using var reader = connection.Query($"SELECT * FROM read_parquet('{file}') ORDER BY id");
        Assert.Equal(
            ["BIGINT", "VARCHAR", "BOOLEAN", "DOUBLE", "TIMESTAMP WITH TIME ZONE", "DATE", "JSON", "JSON", "JSON"],
            reader.Columns.Select(c => c.Type.Name));
        Assert.True(reader.Read());
        Assert.Equal(1L, reader.GetValue(0));
        Assert.Equal("Zoë's bug 東京", reader.GetValue(1));
        Assert.Equal(true, reader.GetValue(2));
        Assert.Equal(0.5, reader.GetValue(3));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 15, 0, 250, TimeSpan.Zero), reader.GetValue(4));
        Assert.Equal(new DateOnly(2026, 12, 1), reader.GetValue(5));
        Assert.Equal("""["bug", "ü"]""", reader.GetValue(6));
        Assert.Equal("""{"login": "ada", "id": 7}""", reader.GetValue(7));
        Assert.Equal("\"open\"", reader.GetValue(8));
        Assert.True(reader.Read());
        Assert.True(reader.IsNull(1));
        Assert.Equal(3.0, reader.GetValue(3));
        Assert.True(reader.IsNull(5));
        Assert.True(reader.IsNull(7));
        Assert.Equal("2", reader.GetValue(8));
        Assert.False(reader.Read());

        using var json = connection.Query($"SELECT \"user\"->>'login', json_array_length(labels) FROM read_parquet('{file}') ORDER BY id");
        Assert.True(json.Read());
        Assert.Equal("ada", json.GetValue(0));
        Assert.Equal(2L, Convert.ToInt64(json.GetValue(1), CultureInfo.InvariantCulture));
    }

    public void Dispose() => _temp.Dispose();

    private static string Projection(TableSchema schema) => string.Join(", ", schema.Columns.Select(column =>
        column.Type.Kind == ColumnKind.Json ? $"CAST(\"{column.Name}\" AS JSON) AS \"{column.Name}\"" : $"\"{column.Name}\""));
}
