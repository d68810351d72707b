using Hakiri.Mcp.Tools;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>
/// Every query shape under <see cref="Scopes.Shop"/>: customers of ES and GH with names redacted, shipped orders, no
/// products. Each test asserts exactly the rows and values the token allows.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class ScopedQueryShapeTests(StoreFixture store)
{
    private const string NoProducts = "There is no table 'products'. Tables: customers, orders.";

    private ContextToolset Tools => store.Tools;

    [Fact]
    public async Task Query_SelectStar_FilteredRowsRedactedColumn()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT * FROM customers ORDER BY customer_id");

        Assert.Equal(["c-03", "c-08"], rows.Column("customer_id"));
        Assert.Equal(["null", "null"], rows.Column("name"));
        Assert.Equal(["GH", "ES"], rows.Column("country"));
    }

    [Fact]
    public async Task Query_ColumnList_RedactedColumnIsNull()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT name, upper(name) AS shout, length(name) AS n FROM customers");

        Assert.Equal(["null", "null"], rows.Column("name"));
        Assert.Equal(["null", "null"], rows.Column("shout"));
        Assert.Equal(["null", "null"], rows.Column("n"));
    }

    [Fact]
    public async Task Query_TableArgument_FilteredAndHiddenRefused()
    {
        var result = await Tools.CallAsync(Scopes.Shop, ToolNames.Query, new { table = "orders", order_by = new[] { "order_id" } });
        var hidden = await Tools.CallAsync(Scopes.Shop, ToolNames.Query, new { table = "products" });

        Assert.Equal(["1001", "1002", "1005", "1006", "1007"], result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray().Column("order_id"));
        Assert.Equal(NoProducts, ReadOnlyAttackTests.Text(hidden));
    }

    [Fact]
    public async Task Query_FilterArgument_CombinesWithTokenFilter()
    {
        var result = await Tools.CallAsync(Scopes.Shop, ToolNames.Query, new { sql = "SELECT customer_id, country FROM customers", filter = new { country = new[] { "ES", "JP" } } });

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        Assert.Equal(["c-08"], result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray().Column("customer_id"));
    }

    [Fact]
    public async Task Query_JoinOfVisibleTables_OnlyRowsBothAllow()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT o.order_id, c.customer_id, c.name FROM orders o JOIN customers c USING (customer_id) ORDER BY 1");

        Assert.Equal(["1002", "1005", "1006"], rows.Column("order_id"));
        Assert.Equal(["c-03", "c-08", "c-03"], rows.Column("customer_id"));
        Assert.Equal(["null", "null", "null"], rows.Column("name"));
    }

    [Theory]
    [InlineData("SELECT * FROM orders JOIN products USING (product_id)")]
    [InlineData("SELECT * FROM orders o LEFT JOIN products p ON p.product_id = o.product_id")]
    [InlineData("SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM products p WHERE p.product_id = o.product_id)")]
    [InlineData("SELECT (SELECT max(price) FROM products)")]
    [InlineData("SELECT * FROM orders WHERE product_id IN (SELECT product_id FROM products)")]
    [InlineData("WITH x AS (SELECT * FROM products) SELECT * FROM x")]
    [InlineData("SELECT customer_id FROM customers UNION SELECT product_id FROM products")]
    [InlineData("FROM products")]
    [InlineData("SELECT * FROM PRODUCTS")]
    [InlineData("SELECT * FROM \"products\"")]
    public async Task Query_HiddenTableInAnyShape_DoesNotExist(string sql)
    {
        Assert.Equal(NoProducts, await Tools.RefusalAsync(Scopes.Shop, sql), ignoreCase: true);
    }

    [Fact]
    public async Task Query_Subqueries_SeeOnlyFilteredRows()
    {
        var scalar = await Tools.RowsAsync(Scopes.Shop, "SELECT (SELECT count(*) FROM customers) AS n");
        var inList = await Tools.RowsAsync(Scopes.Shop, "SELECT order_id FROM orders WHERE customer_id IN (SELECT customer_id FROM customers) ORDER BY 1");
        var exists = await Tools.RowsAsync(Scopes.Shop, "SELECT customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.status = 'refunded')");

        Assert.Equal(["2"], scalar.Column("n"));
        Assert.Equal(["1002", "1005", "1006"], inList.Column("order_id"));
        Assert.Empty(exists);
    }

    [Fact]
    public async Task Query_CteNamedLikeHiddenTable_ReadsTheCte()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "WITH products AS (SELECT customer_id FROM customers) SELECT p.customer_id FROM products p ORDER BY 1");
        var bare = await Tools.RowsAsync(Scopes.Shop, "WITH products AS (SELECT 'x' AS product_id) SELECT products.product_id FROM products");

        Assert.Equal(["c-03", "c-08"], rows.Column("customer_id"));
        Assert.Equal(["x"], bare.Column("product_id"));
    }

    [Fact]
    public async Task Query_RecursiveCte_Works()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < (SELECT count(*) FROM customers) + 1) SELECT n FROM r ORDER BY n");

        Assert.Equal(["1", "2", "3"], rows.Column("n"));
    }

    [Fact]
    public async Task Query_Union_OnlyVisibleRows()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT customer_id FROM customers UNION ALL SELECT customer_id FROM orders ORDER BY 1");

        Assert.Equal(["c-03", "c-03", "c-03", "c-08", "c-08", "c-17", "c-22"], rows.Column("customer_id"));
    }

    [Fact]
    public async Task Query_Aggregates_OverFilteredRows()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT count(*) AS n, sum(amount) AS total, count(DISTINCT status) AS statuses FROM orders");

        Assert.Equal(["5"], rows.Column("n"));
        Assert.Equal(261.0, rows[0].GetProperty("total").GetDouble(), 3);
        Assert.Equal(["1"], rows.Column("statuses"));
    }

    [Fact]
    public async Task Query_WindowFunctions_OverFilteredRows()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT order_id, row_number() OVER (ORDER BY order_id) AS rn, count(*) OVER () AS n FROM orders ORDER BY order_id");

        Assert.Equal(["1", "2", "3", "4", "5"], rows.Column("rn"));
        Assert.All(rows.Column("n"), n => Assert.Equal("5", n));
    }

    [Theory]
    [InlineData("SELECT count(*) AS n FROM customers WHERE name LIKE '%a%'")]
    [InlineData("SELECT count(*) AS n FROM customers WHERE name IS NOT NULL")]
    [InlineData("SELECT count(*) AS n FROM customers WHERE name ILIKE 'lucía%' OR length(name) > 0")]
    public async Task Query_ProbeOfRedactedColumn_MatchesNothing(string sql)
    {
        Assert.Equal(["0"], (await Tools.RowsAsync(Scopes.Shop, sql)).Column("n"));
    }

    [Fact]
    public async Task Query_Provenance_OfVisibleRowsOnly()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT * FROM customers ORDER BY customer_id");

        Assert.Equal(["1", "2"], rows.Select(r => r.GetProperty("_provenance").GetProperty("record").ToString()));
        Assert.All(rows, r => Assert.Equal("customers", r.GetProperty("_provenance").GetProperty("table").GetString()));
    }

    [Fact]
    public async Task Query_Pivot_OverFilteredRows()
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, "SELECT * FROM (PIVOT orders ON status IN ('shipped', 'pending') USING count(*) GROUP BY customer_id) ORDER BY customer_id");

        Assert.Equal(["c-03", "c-08", "c-17", "c-22"], rows.Column("customer_id"));
        Assert.Equal(["2", "1", "1", "1"], rows.Column("shipped"));
        Assert.Equal(["0", "0", "0", "0"], rows.Column("pending"));
    }

    [Theory]
    [InlineData("SELECT * FROM customers WHERE CASE WHEN country NOT IN ('ES', 'GH') THEN error('leak ' || country) ELSE true END")]
    [InlineData("SELECT * FROM customers WHERE country <> 'XX' AND CAST(CASE WHEN country IN ('ES', 'GH') THEN '1' ELSE country END AS INTEGER) = 1")]
    [InlineData("SELECT c.customer_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id AND (CASE WHEN o.status <> 'shipped' THEN error(o.status) ELSE true END)")]
    public async Task Query_PredicateThatFailsOnHiddenRows_NeverSeesThem(string sql)
    {
        var rows = await Tools.RowsAsync(Scopes.Shop, sql);

        Assert.NotEmpty(rows);
    }
}
