namespace Hakiri.DuckDb.Tests;

[Collection(DuckDbCollection.Name)]
public sealed class StatementTypeTests(DuckDbFixture duck)
{
    [Theory]
    [InlineData("SELECT 1", DuckDbStatementType.Select)]
    [InlineData("FROM classified", DuckDbStatementType.Select)]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", DuckDbStatementType.Select)]
    [InlineData("VALUES (1)", DuckDbStatementType.Select)]
    [InlineData("DESCRIBE classified", DuckDbStatementType.Select)]
    [InlineData("SHOW TABLES", DuckDbStatementType.Select)]
    [InlineData("PRAGMA table_info('classified')", DuckDbStatementType.Select)]
    [InlineData("PRAGMA version", DuckDbStatementType.Select)]
    [InlineData("EXPLAIN SELECT 1", DuckDbStatementType.Explain)]
    [InlineData("INSERT INTO classified VALUES (1, 'x')", DuckDbStatementType.Insert)]
    [InlineData("UPDATE classified SET a = 2", DuckDbStatementType.Update)]
    [InlineData("DELETE FROM classified", DuckDbStatementType.Delete)]
    [InlineData("MERGE INTO classified USING (SELECT 1 AS a) s ON classified.a = s.a WHEN MATCHED THEN DELETE", DuckDbStatementType.MergeInto)]
    [InlineData("COPY classified TO '/tmp/hakiri-never-written.csv'", DuckDbStatementType.Copy)]
    [InlineData("COPY (SELECT 1) TO '/tmp/hakiri-never-written.parquet' (FORMAT parquet, COMPRESSION zstd)", DuckDbStatementType.Copy)]
    [InlineData("ATTACH ':memory:' AS other", DuckDbStatementType.Attach)]
    [InlineData("DETACH other", DuckDbStatementType.Detach)]
    [InlineData("SET threads = 2", DuckDbStatementType.Set)]
    [InlineData("RESET threads", DuckDbStatementType.Set)]
    [InlineData("SET VARIABLE x = 1", DuckDbStatementType.Set)]
    [InlineData("INSTALL fts", DuckDbStatementType.Load)]
    [InlineData("LOAD parquet", DuckDbStatementType.Load)]
    [InlineData("CREATE TABLE other (a INTEGER)", DuckDbStatementType.Create)]
    [InlineData("CREATE VIEW other AS SELECT 1", DuckDbStatementType.Create)]
    [InlineData("CREATE MACRO plus_one(a) AS a + 1", DuckDbStatementType.Create)]
    [InlineData("DROP TABLE classified", DuckDbStatementType.Drop)]
    [InlineData("ALTER TABLE classified ADD COLUMN c INTEGER", DuckDbStatementType.Alter)]
    [InlineData("BEGIN TRANSACTION", DuckDbStatementType.Transaction)]
    [InlineData("COMMIT", DuckDbStatementType.Transaction)]
    [InlineData("CALL pragma_version()", DuckDbStatementType.Call)]
    [InlineData("CHECKPOINT", DuckDbStatementType.Call)]
    [InlineData("VACUUM", DuckDbStatementType.Vacuum)]
    [InlineData("ANALYZE", DuckDbStatementType.Vacuum)]
    [InlineData("EXPORT DATABASE '/tmp/hakiri-never-written'", DuckDbStatementType.Export)]
    [InlineData("PREPARE p AS SELECT $1", DuckDbStatementType.Prepare)]
    [InlineData("UPDATE EXTENSIONS", DuckDbStatementType.UpdateExtensions)]
    public void StatementType_PreparedStatement_IsDuckDbsClassification(string sql, DuckDbStatementType expected)
    {
        using var connection = duck.Connect();
        connection.Execute("CREATE TEMP TABLE classified (a INTEGER, b VARCHAR)");
        using var statement = connection.Prepare(sql);

        Assert.Equal(expected, statement.StatementType);
        Assert.Equal(1, connection.CountStatements(sql));
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", 2)]
    [InlineData("SELECT 1;", 1)]
    [InlineData("SELECT 1; -- trailing comment", 1)]
    [InlineData("SELECT ';' AS semicolon_in_a_string", 1)]
    [InlineData("SELECT 1 /* ; */ + 1", 1)]
    [InlineData("CREATE TABLE x (a INTEGER); INSERT INTO x VALUES (1); SELECT * FROM x", 3)]
    [InlineData("-- only a comment", 0)]
    [InlineData(";;", 0)]
    [InlineData("", 0)]
    [InlineData("PIVOT t ON b USING sum(a)", 2)]
    public void CountStatements_Text_CountsWhatDuckDbsParserSplits(string sql, int expected)
    {
        using var connection = duck.Connect();

        Assert.Equal(expected, connection.CountStatements(sql));
    }

    [Fact]
    public void CountStatements_SyntaxError_ThrowsParserError()
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.CountStatements("SELECT 1; SELEC 2"));

        Assert.Equal(DuckDbErrorType.Parser, error.ErrorType);
        Assert.Contains("SELEC", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SELECT 1; DROP TABLE x")]
    public void Prepare_SeveralStatements_IsRefused(string sql)
    {
        using var connection = duck.Connect();

        var error = Assert.Throws<DuckDbException>(() => connection.Prepare(sql));

        Assert.Contains("Cannot prepare multiple statements at once", error.Message, StringComparison.Ordinal);
        Assert.Equal(DuckDbErrorType.InvalidInput, error.ErrorType);
    }

    [Fact]
    public void Prepare_ParametersOfEveryStyle_AreCounted()
    {
        using var connection = duck.Connect();
        using var positional = connection.Prepare("SELECT ?, ?");
        using var numbered = connection.Prepare("SELECT $1, $2, $1");
        using var named = connection.Prepare("SELECT $a, $b");

        Assert.Equal([2, 2, 2], [positional.ParameterCount, numbered.ParameterCount, named.ParameterCount]);
    }
}
