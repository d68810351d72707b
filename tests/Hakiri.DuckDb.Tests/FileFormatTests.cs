using Hakiri.Testing;

namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class FileFormatTests(DuckDbFixture duck) : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Copy_ToZstdParquet_ReadsBackEveryRowAndType()
    {
        using var connection = duck.Connect();
        var file = _temp.Combine("out.parquet");

        var written = connection.Execute($"""
            COPY (SELECT range AS id, 'name ' || range AS name, (range / 100)::DECIMAL(18,2) AS price,
                         TIMESTAMP '2024-01-01' + INTERVAL (range) MINUTE AS at, [range, range + 1] AS pair
                  FROM range(5000))
            TO '{file}' (FORMAT parquet, COMPRESSION zstd)
            """);

        Assert.Equal(5000, written);
        using var reader = connection.Query($"SELECT * FROM read_parquet('{file}') ORDER BY id");
        Assert.Equal(["BIGINT", "VARCHAR", "DECIMAL(18,2)", "TIMESTAMP", "BIGINT[]"], reader.Columns.Select(c => c.Type.Name));
        var row = 0L;
        while (reader.Read())
        {
            Assert.Equal(row, reader.GetInt64(0));
            Assert.Equal($"name {row}", reader.GetString(1));
            Assert.Equal(row / 100m, reader.GetValue(2));
            Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(row), reader.GetValue(3));
            Assert.Equal($"[{row}, {row + 1}]", reader.GetValue(4));
            row++;
        }

        Assert.Equal(5000, row);
        using var compression = connection.Query($"SELECT DISTINCT compression FROM parquet_metadata('{file}')");
        Assert.True(compression.Read());
        Assert.Equal("ZSTD", compression.GetString(0));
        Assert.False(compression.Read());
    }

    [Fact]
    public void ReadCsv_SmallFile_InfersTypesAndReadsRows()
    {
        var file = _temp.Write("people.csv", "id,name,joined,score\n1,Ada,2024-01-02,9.5\n2,\"Grace, Admiral\",2024-02-03,\n");
        using var connection = duck.Connect();

        using var reader = connection.Query($"SELECT * FROM read_csv('{file}') ORDER BY id");

        Assert.Equal(["BIGINT", "VARCHAR", "DATE", "DOUBLE"], reader.Columns.Select(c => c.Type.Name));
        Assert.True(reader.Read());
        Assert.Equal([1L, "Ada", new DateOnly(2024, 1, 2), 9.5], Enumerable.Range(0, 4).Select(reader.GetValue));
        Assert.True(reader.Read());
        Assert.Equal("Grace, Admiral", reader.GetValue(1));
        Assert.True(reader.IsNull(3));
        Assert.False(reader.Read());
    }

    [Fact]
    public void ReadJsonAuto_NewlineDelimitedFile_ReadsNestedFieldsAsText()
    {
        var file = _temp.Write("events.ndjson", "{\"id\": 1, \"tags\": [\"a\", \"b\"], \"meta\": {\"ok\": true}}\n{\"id\": 2, \"tags\": [], \"meta\": {\"ok\": false}}\n");
        using var connection = duck.Connect();

        using var reader = connection.Query($"SELECT * FROM read_json_auto('{file}') ORDER BY id");

        Assert.Equal(["BIGINT", "VARCHAR[]", "STRUCT(ok BOOLEAN)"], reader.Columns.Select(c => c.Type.Name));
        Assert.True(reader.Read());
        Assert.Equal([1L, "[a, b]", "{'ok': true}"], Enumerable.Range(0, 3).Select(reader.GetValue));
        Assert.True(reader.Read());
        Assert.Equal([2L, "[]", "{'ok': false}"], Enumerable.Range(0, 3).Select(reader.GetValue));
    }

    [Fact]
    public void Open_ExternalAccessDisabled_RefusesToReadFiles()
    {
        var file = _temp.Write("secret.csv", "a\n1\n");
        using var database = DuckDbDatabase.Open(config: new Dictionary<string, string> { ["enable_external_access"] = "false" });
        using var connection = database.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Execute($"SELECT * FROM read_csv('{file}')"));

        Assert.Equal(DuckDbErrorType.Permission, error.ErrorType);
        Assert.Contains("file system operations are disabled", error.Message, StringComparison.Ordinal);
        Assert.Throws<DuckDbException>(() => connection.Execute("SET enable_external_access = true"));
    }

    [Fact]
    public void Open_AllowedDirectoriesWithExternalAccessDisabled_ReadsOnlyInsideThem()
    {
        var allowed = _temp.Write("allowed/data.csv", "a\n1\n");
        var outside = _temp.Write("outside/data.csv", "a\n2\n");
        using var database = DuckDbDatabase.Open(
            config: new Dictionary<string, string> { ["enable_external_access"] = "false", ["lock_configuration"] = "true" },
            allowedDirectories: [_temp.Combine("allowed") + "/"]);
        using var connection = database.Connect();

        Assert.Equal(1L, DuckDbFixture.ScalarOn(connection, $"SELECT a FROM read_csv('{allowed}')"));
        var error = Assert.Throws<DuckDbException>(() => connection.Execute($"SELECT * FROM read_csv('{outside}')"));
        Assert.Equal(DuckDbErrorType.Permission, error.ErrorType);
        var locked = Assert.Throws<DuckDbException>(() => connection.Execute($"SET allowed_directories = ['/']"));
        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ThreadsAndMemoryLimit_AreApplied()
    {
        using var database = DuckDbDatabase.Open(config: new Dictionary<string, string> { ["threads"] = "1", ["memory_limit"] = "256MB" });
        using var connection = database.Connect();

        using var reader = connection.Query("SELECT current_setting('threads'), current_setting('memory_limit')");

        Assert.True(reader.Read());
        Assert.Equal("1", reader.GetString(0));
        Assert.Equal("244.1 MiB", reader.GetString(1));
    }

    [Fact]
    public void Open_DatabaseFile_PersistsAcrossReopen()
    {
        var path = _temp.Combine("store.duckdb");
        using (var database = DuckDbDatabase.Open(path))
        using (var connection = database.Connect())
        {
            connection.Execute("CREATE TABLE kept AS SELECT 7 AS seven");
        }

        using var reopened = DuckDbDatabase.Open(path);
        using var again = reopened.Connect();
        Assert.Equal(7, DuckDbFixture.ScalarOn(again, "SELECT seven FROM kept"));
        Assert.Equal(path, reopened.Path);
    }

    [Fact]
    public void BuiltInExtensions_ParquetJsonIcu_LoadWithoutDownloading()
    {
        using var connection = duck.Connect();
        connection.Execute("LOAD parquet; LOAD json; LOAD icu");

        var loaded = duck.Column("SELECT extension_name FROM duckdb_extensions() WHERE loaded ORDER BY 1");

        Assert.Contains("parquet", loaded);
        Assert.Contains("json", loaded);
        Assert.Contains("icu", loaded);
    }

    public void Dispose() => _temp.Dispose();
}
