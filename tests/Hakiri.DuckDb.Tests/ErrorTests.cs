namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class ErrorTests(DuckDbFixture duck)
{
    [Fact]
    public void Execute_SyntaxError_ThrowsDuckDbsParserMessage()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Execute("SELEC 1"));

        Assert.StartsWith("Parser Error: syntax error at or near \"SELEC\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
    }

    [Fact]
    public void Query_SyntaxError_ThrowsDuckDbsParserMessage()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Query("SELECT FROM WHERE"));

        Assert.Contains("syntax error", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
    }

    [Theory]
    [InlineData("SELECT * FROM no_such_table", DuckDbErrorType.Catalog, "Table with name no_such_table does not exist")]
    [InlineData("SELECT no_such_column FROM range(1)", DuckDbErrorType.Binder, "no_such_column")]
    [InlineData("SELECT 'x'::INTEGER", DuckDbErrorType.Conversion, "Could not convert string 'x'")]
    [InlineData("SELECT error('custom failure')", DuckDbErrorType.InvalidInput, "custom failure")]
    public void Execute_FailingStatement_CarriesDuckDbsErrorClass(string sql, DuckDbErrorType type, string fragment)
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Execute(sql));

        Assert.Equal(type, error.ErrorType);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_PrimaryKeyViolation_ThrowsConstraintError()
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE keyed (id INTEGER PRIMARY KEY); INSERT INTO keyed VALUES (1)");

        var error = Assert.Throws<DuckDbException>(() => connection.Execute("INSERT INTO keyed VALUES (1)"));

        Assert.Equal(DuckDbErrorType.Constraint, error.ErrorType);
        Assert.Contains("Duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_UnknownTable_ThrowsWithClassFromTheMessage()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Prepare("SELECT * FROM nowhere"));

        Assert.StartsWith("Catalog Error:", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
    }

    [Fact]
    public void Query_OnlyAComment_ThrowsNoStatement()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Query("-- nothing here"));

        Assert.Contains("no SQL statement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_AfterAnError_TheConnectionStillWorks()
    {
        using var connection = duck.Connect();
        Assert.Throws<DuckDbException>(() => connection.Execute("SELECT * FROM nowhere"));

        Assert.Equal(1L, connection.Execute("CREATE TEMP TABLE after_error AS SELECT 1 AS a") + 1);
    }

    [Fact]
    public void Members_AfterDispose_ThrowObjectDisposed()
    {
        var connection = duck.Connect();
        var statement = connection.Prepare("SELECT 1");
        var reader = connection.Query("SELECT 1");
        reader.Dispose();
        statement.Dispose();
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.Read());
        Assert.Throws<ObjectDisposedException>(() => statement.Execute());
        Assert.Throws<ObjectDisposedException>(() => connection.Execute("SELECT 1"));
        Assert.Throws<ObjectDisposedException>(() => connection.Interrupt());
    }

    [Fact]
    public void Open_UnknownSetting_ThrowsNamingIt()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(config: new Dictionary<string, string> { ["no_such_setting"] = "1" }));

        Assert.Contains("no_such_setting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_InvalidSettingValue_ThrowsNamingIt()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(config: new Dictionary<string, string> { ["threads"] = "many" }));

        Assert.Contains("threads = 'many'", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.InvalidConfiguration, error.ErrorType);
    }

    [Fact]
    public void Open_FileInMissingDirectory_ThrowsWithThePath()
    {
        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open("/nonexistent-hakiri-dir/x.duckdb"));

        Assert.Contains("/nonexistent-hakiri-dir/x.duckdb", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.IO, error.ErrorType);
    }

    [Fact]
    public void Load_ExtensionThatIsNotBuiltIn_FailsInsteadOfDownloading()
    {
        using var connection = duck.Connect();

        Assert.Throws<DuckDbException>(() => connection.Execute("LOAD fts"));
    }
}
