using System.Text.Json;
using Hakiri.Mcp.Tools;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests;

/// <summary>
/// Statements that would write, reach outside the store, loosen settings or escape a transaction must each come back
/// as a tool error with a sentence, and leave the store answering as before.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class ReadOnlyAttackTests(StoreFixture store)
{
    private static readonly string Pwned = Path.Combine(Path.GetTempPath(), "hakiri-pwned-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The SQL, and a fragment the refusal must contain.</summary>
    public static TheoryData<string, string> Attacks => new()
    {
        // Transaction control and the COMMIT-injection trick that broke a reference server's read-only transaction.
        { "COMMIT; DROP VIEW orders", "2 statements" },
        { "SELECT 1; COMMIT; DROP VIEW orders", "3 statements" },
        { "SELECT 1 /* ; */; COMMIT; DELETE FROM orders", "3 statements" },
        { "COMMIT", "transaction control" },
        { "ROLLBACK", "transaction control" },
        { "BEGIN TRANSACTION", "transaction control" },
        { "BEGIN; SELECT 1", "2 statements" },
        { "END", "transaction control" },
        { "ABORT", "transaction control" },
        // Writes and DDL.
        { "DROP VIEW orders", "DROP" },
        { "/* hidden */ DROP VIEW orders", "DROP" },
        { "  ;;; DROP VIEW orders ;;;", "DROP" },
        { "CREATE TABLE stolen AS SELECT * FROM orders", "CREATE" },
        { "CREATE OR REPLACE VIEW orders AS SELECT 1 AS fake", "CREATE" },
        { "CREATE TEMP VIEW t AS SELECT 1", "CREATE" },
        { "CREATE MACRO m(x) AS x + 1", "CREATE" },
        { "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 's')", "CREATE" },
        { "CREATE SEQUENCE s", "CREATE" },
        { "ALTER VIEW orders RENAME TO o2", "ALTER" },
        { "INSERT INTO orders SELECT * FROM orders", "INSERT" },
        { "UPDATE orders SET status = 'pwned'", "UPDATE" },
        { "DELETE FROM orders", "DELETE" },
        { "WITH x AS (SELECT 1) DELETE FROM orders", "Can only" },
        { "TRUNCATE orders", "TRUNCATE" },
        { "MERGE INTO orders USING customers ON false WHEN MATCHED THEN DELETE", "MERGE" },
        // Files: write, export, attach.
        { $"COPY orders TO '{Pwned}.csv'", "COPY" },
        { $"COPY (SELECT * FROM orders) TO '{Pwned}.parquet' (FORMAT parquet)", "COPY" },
        { $"COPY orders FROM '{Pwned}.csv'", "COPY" },
        { $"EXPORT DATABASE '{Pwned}'", "EXPORT" },
        { $"ATTACH '{Pwned}.duckdb' AS evil", "ATTACH" },
        { "DETACH DATABASE memory", "DETACH" },
        { "USE system", "Refused" },
        // Extensions, settings, pragmas, procedures.
        { "INSTALL httpfs", "INSTALL" },
        { "LOAD httpfs", "LOAD" },
        { "FORCE INSTALL httpfs", "FORCE" },
        { "UPDATE EXTENSIONS", "UPDATE EXTENSIONS" },
        { "SET enable_external_access = true", "SET" },
        { "SET allowed_directories = ['/']", "SET" },
        { "RESET lock_configuration", "RESET" },
        { "SET VARIABLE secret = 1", "SET" },
        { "PRAGMA enable_profiling", "PRAGMA" },
        { "CALL dbgen(sf = 1)", "CALL" },
        { "CHECKPOINT", "Refused" },
        { "VACUUM", "VACUUM" },
        { "ANALYZE", "ANALYZE" },
        { "PREPARE p AS SELECT 1", "PREPARE" },
        { "EXECUTE p", "EXECUTE" },
        { "EXPLAIN SELECT 1", "EXPLAIN" },
        // Reading outside the store, including the store's own catalog beside data/.
        { "SELECT * FROM read_csv('/etc/passwd')", "Refused" },
        { "SELECT * FROM read_text('/etc/hostname')", "Refused" },
        { "SELECT * FROM read_blob('/proc/self/environ')", "Refused" },
        { "SELECT * FROM glob('/**')", "Refused" },
        { "SELECT * FROM sniff_csv('/etc/passwd')", "Refused" },
        { "SELECT * FROM read_json('http://127.0.0.1:9/x.json')", "Refused" },
        { "SELECT * FROM 'https://example.com/data.csv'", "Refused" },
        { "SUMMARIZE SELECT * FROM read_csv('/etc/passwd')", "Refused" },
        { "SELECT * FROM query('DROP VIEW orders')", "failed" },
        { "SELECT * FROM duckdb_extensions()", "Refused" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Query_Attack_IsRefusedWithASentence(string sql, string expected)
    {
        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql }));

        var message = Text(result);
        Assert.True(result.IsError, $"not refused: {sql}\n{message}");
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message.TrimEnd(), StringComparison.Ordinal);
        await AssertStoreIntactAsync();
    }

    [Theory]
    [InlineData("catalog.sqlite")]
    [InlineData("data/../catalog.sqlite")]
    [InlineData("data/orders/../../catalog.sqlite")]
    public async Task Query_CatalogFileBesideData_IsNotReadable(string relative)
    {
        var catalog = Path.Combine(store.StoreRoot, relative);

        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql = $"SELECT * FROM read_blob('{catalog}')" }));

        Assert.True(result.IsError);
        Assert.StartsWith("Refused:", Text(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"table": "orders; DROP VIEW orders"}""", "There is no table")]
    [InlineData("""{"table": "orders", "filter": {"status\" = 'x' OR 1=1 --": "y"}}""", "failed")]
    [InlineData("""{"table": "orders", "order_by": ["amount; DROP VIEW orders"]}""", "must be a column name")]
    [InlineData("""{"table": "orders", "order_by": ["amount desc, 1; DROP VIEW orders"]}""", "must be a column name")]
    [InlineData("""{"sql": "SELECT 1) AS a; DROP VIEW orders; SELECT * FROM (SELECT 1", "filter": {"a": 1}}""", "statements")]
    [InlineData("""{"sql": "SELECT * FROM orders", "filter": {"status": {"=": "x') OR (1=1"}}}""", "")]
    public async Task Query_StructuredArgumentInjection_NeverRunsInjectedSql(string arguments, string expected)
    {
        var result = await store.CallAsync(ToolNames.Query, arguments);

        if (expected.Length > 0)
        {
            Assert.True(result.IsError, Text(result));
            Assert.Contains(expected, Text(result), StringComparison.Ordinal);
        }
        else
        {
            // A bound value is only ever a value: no row has that status.
            Assert.Equal(0, result.StructuredContent!.Value.GetProperty("row_count").GetInt32());
        }

        await AssertStoreIntactAsync();
    }

    [Fact]
    public async Task Attacks_LeaveNoFileBehind()
    {
        foreach (var row in Attacks)
        {
            await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql = (string)row[0] }));
        }

        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(Pwned) + "*"));
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), Path.GetFileName(Pwned) + "*"));
        await AssertStoreIntactAsync();
    }

    private async Task AssertStoreIntactAsync()
    {
        var check = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT count(*) AS n, count(DISTINCT status) AS s FROM orders"}""");
        Assert.False(check.IsError, Text(check));
        var row = check.StructuredContent!.Value.GetProperty("rows")[0];
        Assert.Equal(9, row.GetProperty("n").GetInt32());
        Assert.Equal(4, row.GetProperty("s").GetInt32());
    }

    internal static string Text(CallToolResult result) => ((TextContentBlock)result.Content[0]).Text;
}
