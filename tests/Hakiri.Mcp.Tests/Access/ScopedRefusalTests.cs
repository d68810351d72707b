using Hakiri.Mcp.Tools;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>What a scoped caller cannot reach at all: metadata, files, qualified names, other catalogs.</summary>
[Collection(StoreCollection.Name)]
public sealed class ScopedRefusalTests(StoreFixture store)
{
    private ContextToolset Tools => store.Tools;

    [Theory]
    [InlineData("SELECT * FROM duckdb_tables()", "duckdb_tables")]
    [InlineData("SELECT * FROM duckdb_columns()", "duckdb_columns")]
    [InlineData("SELECT * FROM duckdb_views()", "duckdb_views")]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings")]
    [InlineData("SELECT * FROM pragma_table_info('products')", "pragma_table_info")]
    [InlineData("SELECT * FROM query('SELECT * FROM products')", "query")]
    [InlineData("SELECT * FROM query_table('products')", "query_table")]
    public async Task Query_CatalogTableFunction_Refused(string sql, string function)
    {
        var refusal = await Tools.RefusalAsync(Scopes.Shop, sql);

        Assert.StartsWith($"Refused: the table function '{function}' is not available to this token", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT pg_get_viewdef('products')")]
    [InlineData("SELECT current_setting('memory_limit')")]
    [InlineData("SELECT getvariable('x')")]
    [InlineData("SELECT getenv('HAKIRI_TOKEN')")]
    [InlineData("SELECT (SELECT 1) AS x, duckdb_api()")]
    [InlineData("SELECT count(*) FROM customers WHERE pg_get_viewdef('products') IS NOT NULL")]
    public async Task Query_CatalogScalarFunction_Refused(string sql)
    {
        var refusal = await Tools.RefusalAsync(Scopes.Shop, sql);

        Assert.Contains("reads the database catalog or settings", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM information_schema.tables")]
    [InlineData("SELECT * FROM information_schema.columns")]
    [InlineData("SELECT * FROM main.customers")]
    [InlineData("SELECT * FROM memory.main.customers")]
    [InlineData("SELECT * FROM main.products")]
    [InlineData("SELECT * FROM pg_catalog.pg_class")]
    public async Task Query_QualifiedName_Refused(string sql)
    {
        var refusal = await Tools.RefusalAsync(Scopes.Shop, sql);

        Assert.StartsWith("Refused: name tables without a schema or catalog", refusal, StringComparison.Ordinal);
        Assert.EndsWith("this token reads only its own tables: customers, orders.", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM sqlite_master", "sqlite_master")]
    [InlineData("SELECT * FROM pg_tables", "pg_tables")]
    [InlineData("SELECT * FROM duckdb_tables", "duckdb_tables")]
    public async Task Query_MetadataViewByName_DoesNotExist(string sql, string name)
    {
        Assert.Equal($"There is no table '{name}'. Tables: customers, orders.", await Tools.RefusalAsync(Scopes.Shop, sql));
    }

    [Fact]
    public async Task Query_StoreParquetFiles_Refused()
    {
        var file = Directory.EnumerateFiles(store.Store.DataDirectory, "*.parquet", SearchOption.AllDirectories).First(f => f.Contains("products", StringComparison.Ordinal));

        var readParquet = await Tools.RefusalAsync(Scopes.Shop, $"SELECT * FROM read_parquet('{file}')");
        var replacementScan = await Tools.RefusalAsync(Scopes.Shop, $"SELECT * FROM '{file}'");
        var glob = await Tools.RefusalAsync(Scopes.Shop, $"SELECT * FROM parquet_scan('{store.Store.DataDirectory}**/*.parquet')");

        Assert.StartsWith("Refused: the table function 'read_parquet'", readParquet, StringComparison.Ordinal);
        Assert.Equal($"There is no table '{file}'. Tables: customers, orders.", replacementScan);
        Assert.StartsWith("Refused: the table function 'parquet_scan'", glob, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DESCRIBE customers")]
    [InlineData("DESCRIBE products")]
    [InlineData("SHOW customers")]
    [InlineData("SUMMARIZE customers")]
    [InlineData("SHOW TABLES")]
    [InlineData("SHOW ALL TABLES")]
    [InlineData("SELECT * FROM (DESCRIBE products)")]
    public async Task Query_DescribeShowSummarize_PointsAtDescribeTool(string sql)
    {
        Assert.Equal(
            "Refused: DESCRIBE, SHOW and SUMMARIZE are not available to this token; call context.describe for a table's columns.",
            await Tools.RefusalAsync(Scopes.Shop, sql));
    }

    [Theory]
    [InlineData("SELECT $1")]
    [InlineData("SELECT * FROM customers WHERE country = $2")]
    [InlineData("SELECT * FROM customers WHERE country = $agent")]
    public async Task Query_UnboundParameter_Refused(string sql)
    {
        Assert.StartsWith("Refused: the SQL uses parameter $", await Tools.RefusalAsync(Scopes.Shop, sql), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT main.lower('x')")]
    [InlineData("SELECT system.main.lower('x')")]
    public async Task Query_QualifiedFunction_Refused(string sql)
    {
        Assert.StartsWith("Refused: call functions without a schema or catalog", await Tools.RefusalAsync(Scopes.Shop, sql), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", "Refused: the SQL holds 2 statements")]
    [InlineData("DELETE FROM customers", "Refused: DELETE statements are not allowed")]
    [InlineData("ATTACH 'x.db'", "Refused: ATTACH statements are not allowed")]
    [InlineData("SELEC 1", "The SQL does not parse")]
    [InlineData("   ", "The query is empty")]
    public async Task Query_NotOneSelect_RefusedInTheGuardsWords(string sql, string start)
    {
        Assert.StartsWith(start, await Tools.RefusalAsync(Scopes.Shop, sql), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_UnknownColumn_ErrorNamesNoHiddenTable()
    {
        var refusal = await Tools.RefusalAsync(Scopes.Shop, "SELECT price FROM customers");

        Assert.StartsWith("The query failed: Binder Error: Referenced column \"price\" not found", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("products", refusal, StringComparison.Ordinal);
    }
}
