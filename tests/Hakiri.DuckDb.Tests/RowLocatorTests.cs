using System.Globalization;
using System.Text;
using Hakiri.Testing;

namespace Hakiri.DuckDb.Tests;

/// <summary>
/// What DuckDB 1.5.6 offers to locate a row in its source file (for provenance): these tests pin the findings.
/// CSV and JSON: the <c>filename</c> and <c>file_index</c> virtual columns and <c>WITH ORDINALITY</c> (a 1-based record
/// number across the whole scan); no <c>file_row_number</c>. Parquet: <c>filename</c> and a 0-based <c>file_row_number</c>.
/// </summary>
[Collection(DuckDbCollection.Name)]
public sealed class RowLocatorTests(DuckDbFixture duck) : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void ReadCsv_FilenameAndFileIndexVirtualColumns_NameEachRowsFile()
    {
        _temp.Write("a.csv", "id\n1\n2\n");
        _temp.Write("b.csv", "id\n10\n");

        var rows = Rows($"SELECT id, filename, file_index FROM read_csv('{_temp.Combine("*.csv")}') ORDER BY id");

        Assert.Equal([$"1|{_temp.Combine("a.csv")}|0", $"2|{_temp.Combine("a.csv")}|0", $"10|{_temp.Combine("b.csv")}|1"], rows);
    }

    [Theory]
    [InlineData("read_csv", "a.csv", "id\n1\n")]
    [InlineData("read_json_auto", "a.ndjson", "{\"id\": 1}\n")]
    public void FileRowNumber_CsvAndJson_IsNotAvailable(string function, string name, string content)
    {
        var file = _temp.Write(name, content);
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Execute($"SELECT file_row_number FROM {function}('{file}')"));

        Assert.Equal(DuckDbErrorType.Binder, error.ErrorType);
        Assert.Throws<DuckDbException>(() => connection.Execute($"SELECT * FROM {function}('{file}', file_row_number = true)"));
    }

    [Fact]
    public void WithOrdinality_LargeCsvScannedInParallel_NumbersRecordsInFileOrder()
    {
        var file = _temp.Combine("big.csv");
        var text = new StringBuilder("id,payload\n");
        for (var i = 1; i <= 300_000; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(",row ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(file, text.ToString());
        using var database = DuckDbDatabase.Open(config: new Dictionary<string, string> { ["threads"] = "8" });
        using var connection = database.Connect();

        using var reader = connection.Query($"SELECT count(*) FILTER (WHERE ordinality <> id), count(*) FROM read_csv('{file}') WITH ORDINALITY");

        Assert.True(reader.Read());
        Assert.Equal(0, reader.GetInt64(0));
        Assert.Equal(300_000, reader.GetInt64(1));
    }

    [Fact]
    public void WithOrdinality_CsvWithQuotedNewlines_CountsRecordsNotLines()
    {
        var file = _temp.Write("multiline.csv", "id,note\n1,plain\n2,\"two\nlines\"\n3,plain\n");

        var rows = Rows($"SELECT id, ordinality FROM read_csv('{file}') WITH ORDINALITY");

        // Record 3 starts on line 5 of the file: the ordinal is a record number, not a line number.
        Assert.Equal(["1|1", "2|2", "3|3"], rows);
    }

    [Fact]
    public void WithOrdinality_SeveralFiles_ContinuesAcrossFilesInGlobOrder()
    {
        _temp.Write("a.csv", "id\n1\n2\n");
        _temp.Write("b.csv", "id\n10\n");

        var rows = Rows($"SELECT file_index, ordinality, id FROM read_csv('{_temp.Combine("*.csv")}') WITH ORDINALITY");

        Assert.Equal(["0|1|1", "0|2|2", "1|3|10"], rows);
    }

    [Fact]
    public void WithOrdinality_NdjsonWithBlankLines_NumbersRecords()
    {
        var file = _temp.Write("events.ndjson", "{\"id\": 1}\n\n{\"id\": 2}\n{\"id\": 3}\n");

        var rows = Rows($"SELECT id, ordinality, filename FROM read_json_auto('{file}') WITH ORDINALITY");

        Assert.Equal([$"1|1|{file}", $"2|2|{file}", $"3|3|{file}"], rows);
    }

    [Fact]
    public void ReadParquet_FileRowNumber_IsZeroBasedPerFile()
    {
        using var connection = duck.Connect();
        var first = _temp.Combine("p1.parquet");
        var second = _temp.Combine("p2.parquet");
        connection.Execute($"COPY (SELECT range * 10 AS v FROM range(3)) TO '{first}' (FORMAT parquet)");
        connection.Execute($"COPY (SELECT 99 AS v) TO '{second}' (FORMAT parquet)");

        var rows = Rows($"SELECT v, file_row_number, filename FROM read_parquet(['{first}', '{second}']) ORDER BY filename, file_row_number");

        Assert.Equal([$"0|0|{first}", $"10|1|{first}", $"20|2|{second.Replace("p2", "p1", StringComparison.Ordinal)}", $"99|0|{second}"], rows);
    }

    [Fact]
    public void StoreRejects_MalformedCsvRows_ReportTheirLineNumbers()
    {
        var file = _temp.Write("bad.csv", "id,amount\n1,10\n2,not a number\n3,30\n");
        using var connection = duck.Connect();

        var kept = Rows($"SELECT * FROM read_csv('{file}', store_rejects = true, columns = {{'id': 'INTEGER', 'amount': 'INTEGER'}})", connection);
        var rejected = Rows("SELECT line, column_name, error_type FROM reject_errors", connection);

        Assert.Equal(["1|10", "3|30"], kept);
        // Projecting only some columns skips casting the others, and so their errors: the scan must read every column.
        Assert.Equal(["3|amount|CAST"], rejected);
    }

    public void Dispose() => _temp.Dispose();

    private List<string> Rows(string sql, DuckDbConnection? on = null)
    {
        using var owned = on is null ? duck.Connect() : null;
        var connection = on ?? owned!;
        using var reader = connection.Query(sql);
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)));
        }

        return rows;
    }
}
