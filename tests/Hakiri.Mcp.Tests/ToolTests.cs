using System.Text.Json;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Tools;

namespace Hakiri.Mcp.Tests;

[Collection(StoreCollection.Name)]
public sealed class ToolTests(StoreFixture store)
{
    [Fact]
    public async Task ListTables_Quickstart_DescribesEveryTableForAgents()
    {
        var result = await store.CallAsync(ToolNames.ListTables);

        Assert.False(result.IsError);
        var tables = result.StructuredContent!.Value.GetProperty("tables").EnumerateArray().ToArray();
        Assert.Equal(["customers", "orders", "products"], tables.Select(t => t.GetProperty("name").GetString()));
        var orders = tables[1];
        Assert.Equal(9, orders.GetProperty("row_count").GetInt64());
        Assert.Equal("file", orders.GetProperty("connector").GetString());
        Assert.False(string.IsNullOrWhiteSpace(orders.GetProperty("description").GetString()));
        Assert.Contains(orders.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "amount" && c.GetProperty("type").GetString() == "DOUBLE");
        Assert.DoesNotContain(orders.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString()!.StartsWith("_hakiri_", StringComparison.Ordinal));
        Assert.Equal(4, orders.GetProperty("provenance_columns").GetArrayLength());
        Assert.Equal(["order_id"], orders.GetProperty("primary_key").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task ListTables_ExampleQueries_AllRun()
    {
        var result = await store.CallAsync(ToolNames.ListTables);

        foreach (var table in result.StructuredContent!.Value.GetProperty("tables").EnumerateArray())
        {
            foreach (var example in table.GetProperty("example_queries").EnumerateArray().Select(e => e.GetString()!).Where(e => !e.Contains('?', StringComparison.Ordinal)))
            {
                var run = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql = example }));
                Assert.False(run.IsError, $"{example}: {ReadOnlyAttackTests.Text(run)}");
            }
        }
    }

    [Fact]
    public async Task Describe_Table_HasSampleRowsWithProvenance()
    {
        var result = await store.CallAsync(ToolNames.Describe, """{"table": "CUSTOMERS", "sample_rows": 2}""");

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var json = result.StructuredContent!.Value;
        Assert.Equal("customers", json.GetProperty("table").GetProperty("name").GetString());
        var samples = json.GetProperty("sample_rows").EnumerateArray().ToArray();
        Assert.Equal(2, samples.Length);
        var provenance = samples[0].GetProperty("_provenance");
        Assert.Equal("customers", provenance.GetProperty("table").GetString());
        Assert.Equal("file", provenance.GetProperty("connector").GetString());
        Assert.Equal("data/customers/customers.ndjson", provenance.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Describe_UnknownTable_NamesTheTables()
    {
        var result = await store.CallAsync(ToolNames.Describe, """{"table": "ordres"}""");

        Assert.True(result.IsError);
        Assert.Equal("There is no table 'ordres'. Tables: customers, orders, products.", ReadOnlyAttackTests.Text(result));
    }

    [Fact]
    public async Task Query_SelectStar_EveryRowCarriesProvenanceMatchingTheStore()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT * FROM orders ORDER BY order_id"}""");
        var cli = await store.CliQueryAsync("SELECT order_id, _hakiri_run_id, _hakiri_source, _hakiri_record FROM orders ORDER BY order_id");

        var rows = result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(cli.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var provenance = rows[i].GetProperty("_provenance");
            Assert.Equal(cli[i].GetProperty("_hakiri_run_id").GetString(), provenance.GetProperty("run").GetString());
            Assert.Equal(cli[i].GetProperty("_hakiri_source").GetString(), provenance.GetProperty("source").GetString());
            Assert.Equal(cli[i].GetProperty("_hakiri_record").GetInt64(), provenance.GetProperty("record").GetInt64());
            Assert.Equal("orders", provenance.GetProperty("table").GetString());
            Assert.Equal("file", provenance.GetProperty("connector").GetString());
            Assert.False(rows[i].TryGetProperty("_hakiri_source", out _));
        }
    }

    [Theory]
    [InlineData("SELECT o.order_id, c.name, p.name AS product FROM orders o JOIN customers c USING (customer_id) JOIN products p USING (product_id) ORDER BY 1")]
    [InlineData("WITH totals AS (SELECT customer_id, sum(amount) AS spent FROM orders GROUP BY ALL) SELECT * FROM totals ORDER BY spent DESC, customer_id")]
    [InlineData("SELECT order_id, amount, rank() OVER (PARTITION BY status ORDER BY amount DESC) AS r, sum(amount) OVER (ORDER BY ordered_at) AS running FROM orders ORDER BY order_id")]
    [InlineData("FROM orders SELECT status, count(*) AS n GROUP BY ALL ORDER BY status")]
    [InlineData("SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY status")]
    [InlineData("SELECT * EXCLUDE (_hakiri_ingested_at, _hakiri_run_id, _hakiri_source, _hakiri_record) FROM products ORDER BY product_id")]
    [InlineData("SELECT customer_id, list(order_id ORDER BY order_id) AS orders FROM orders GROUP BY ALL ORDER BY 1")]
    [InlineData("SELECT order_id, ordered_at, CAST(ordered_at AS DATE) AS day FROM orders ORDER BY 1")]
    public async Task Query_LegitimateSelect_MatchesHakiriQuery(string sql)
    {
        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql }));
        var cli = await store.CliQueryAsync(sql);

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var rows = result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(cli.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.True(JsonElement.DeepEquals(cli[i], rows[i]), $"row {i}: cli {cli[i]} vs mcp {rows[i]}");
        }
    }

    [Theory]
    [InlineData("DESCRIBE orders")]
    [InlineData("SUMMARIZE orders")]
    [InlineData("SHOW TABLES")]
    [InlineData("SELECT * FROM query_table('orders') LIMIT 1")]
    [InlineData("(SELECT 1 AS a) UNION ALL (SELECT 2)")]
    [InlineData("VALUES (1, 'a'), (2, 'b')")]
    [InlineData("PIVOT orders ON status IN ('shipped', 'pending') USING count(*) GROUP BY currency")]
    public async Task Query_OtherReadShapes_Run(string sql)
    {
        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql }));

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        Assert.True(result.StructuredContent!.Value.GetProperty("row_count").GetInt32() > 0);
    }

    [Fact]
    public async Task Query_ReadParquetOnTheStoresOwnFiles_Works()
    {
        var glob = Path.Combine(store.StoreRoot, "data", "orders", "**", "*.parquet");

        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql = $"SELECT count(*) AS n FROM read_parquet('{glob}')" }));

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        Assert.Equal(9, result.StructuredContent!.Value.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Query_AggregateRows_ExplainWhereProvenanceWent()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT status, count(*) AS n FROM orders GROUP BY ALL"}""");

        var json = result.StructuredContent!.Value;
        Assert.Contains("_hakiri_", json.GetProperty("note").GetString(), StringComparison.Ordinal);
        var source = Assert.Single(json.GetProperty("sources").EnumerateArray());
        Assert.Equal("orders", source.GetProperty("table").GetString());
        Assert.False(json.GetProperty("rows")[0].TryGetProperty("_provenance", out _));
    }

    [Fact]
    public async Task Query_TableWithFilterOrderAndLimit_ReturnsThoseRows()
    {
        var result = await store.CallAsync(ToolNames.Query,
            """{"table": "orders", "filter": {"status": ["shipped", "delivered"], "amount": {">=": 20, "<": 200}, "currency": "EUR"}, "order_by": ["amount desc", "order_id"], "limit": 2}""");
        var cli = await store.CliQueryAsync(
            "SELECT order_id FROM orders WHERE status IN ('shipped', 'delivered') AND amount >= 20 AND amount < 200 AND currency = 'EUR' ORDER BY amount DESC, order_id");

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var json = result.StructuredContent!.Value;
        var ids = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("order_id").GetInt64()).ToArray();
        Assert.Equal(cli.Take(2).Select(r => r.GetProperty("order_id").GetInt64()), ids);
        Assert.Equal(cli.Length > 2, json.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Query_SqlWithFilter_FiltersTheResult()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT status, count(*) AS n FROM orders GROUP BY ALL -- per status;", "filter": {"status": "shipped"}}""");

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var row = Assert.Single(result.StructuredContent!.Value.GetProperty("rows").EnumerateArray());
        Assert.Equal("shipped", row.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Query_FilterOnTimestampWithText_Compares()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"table": "orders", "filter": {"ordered_at": {">=": "2026-02-01"}, "note": {"is_null": true}}}""");
        var cli = await store.CliQueryAsync("SELECT count(*) AS n FROM orders WHERE ordered_at >= '2026-02-01'");

        // 'note' is not a column: the error says so; without it the comparison works.
        Assert.True(result.IsError);
        Assert.Contains("note", ReadOnlyAttackTests.Text(result), StringComparison.Ordinal);
        var fixedCall = await store.CallAsync(ToolNames.Query, """{"table": "orders", "filter": {"ordered_at": {">=": "2026-02-01"}}}""");
        Assert.Equal(cli[0].GetProperty("n").GetInt64(), fixedCall.StructuredContent!.Value.GetProperty("row_count").GetInt64());
    }

    [Fact]
    public async Task Query_RowCap_TruncatesWithANote()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT * FROM range(5000) t(i)"}""", store.WithLimits(new QueryLimits { DefaultRows = 50, MaxRows = 100 }));

        var json = result.StructuredContent!.Value;
        Assert.Equal(50, json.GetProperty("row_count").GetInt32());
        Assert.True(json.GetProperty("truncated").GetBoolean());
        Assert.Contains("first 50 rows", json.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_LimitAboveTheCap_IsAnArgumentError()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT 1", "limit": 5000}""");

        Assert.True(result.IsError);
        Assert.Equal("'limit' must be a whole number from 1 to 1000.", ReadOnlyAttackTests.Text(result));
    }

    [Fact]
    public async Task Query_ByteCap_CutsBeforeTheBudgetIsExceeded()
    {
        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT repeat('x', 100) AS pad FROM range(100)"}""", store.WithLimits(new QueryLimits { MaxBytes = 1024 }));

        var json = result.StructuredContent!.Value;
        Assert.True(json.GetProperty("truncated").GetBoolean());
        Assert.InRange(json.GetProperty("row_count").GetInt32(), 1, 9);
        Assert.Contains("1 KiB", json.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_TimeCap_StopsARunawayQuery()
    {
        var tools = store.WithLimits(new QueryLimits { Timeout = TimeSpan.FromMilliseconds(300) });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT sum(a.range * b.range) AS s FROM range(100000000) a, range(100000) b"}""", tools);

        Assert.True(result.IsError);
        Assert.Contains("0.3 s limit", ReadOnlyAttackTests.Text(result), StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), started.Elapsed.ToString());
        var after = await store.CallAsync(ToolNames.Query, """{"sql": "SELECT 42 AS answer"}""", tools);
        Assert.Equal(42, after.StructuredContent!.Value.GetProperty("rows")[0].GetProperty("answer").GetInt32());
    }

    [Theory]
    [InlineData("{}", "needs either 'sql'")]
    [InlineData("""{"sql": "SELECT 1", "table": "orders"}""", "not both")]
    [InlineData("""{"sql": "SELECT 1", "limt": 5}""", "no argument 'limt'")]
    [InlineData("""{"sql": 42}""", "'sql' must be a string")]
    [InlineData("""{"sql": "   "}""", "empty")]
    [InlineData("""{"sql": "-- just a comment"}""", "no statement")]
    [InlineData("""{"sql": "SELEC 1"}""", "does not parse")]
    [InlineData("""{"sql": "SELECT * FROM nope"}""", "tables: customers, orders, products")]
    [InlineData("""{"table": "orders", "filter": {"amount": {"~": 1}}}""", "unknown operator '~'")]
    [InlineData("""{"table": "orders", "filter": {"amount": {"in": []}}}""", "non-empty list")]
    [InlineData("""{"table": "orders", "filter": {"amount": {"a": 1}}}""", "unknown operator")]
    [InlineData("""{"table": "orders", "filter": "status = 'x'"}""", "must be an object")]
    [InlineData("""{"sql": "SELECT 1", "order_by": ["a"]}""", "goes with 'table'")]
    public async Task Query_BadArguments_SayWhatToChange(string arguments, string expected)
    {
        var result = await store.CallAsync(ToolNames.Query, arguments);

        Assert.True(result.IsError);
        Assert.Contains(expected, ReadOnlyAttackTests.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Tools_QuerySchema_StatesTheServersCaps()
    {
        var tools = store.WithLimits(new QueryLimits { DefaultRows = 20, MaxRows = 50 });

        var query = tools.Tools.Single(t => t.Name == ToolNames.Query);

        var limit = query.InputSchema.GetProperty("properties").GetProperty("limit");
        Assert.Equal(50, limit.GetProperty("maximum").GetInt32());
        Assert.Equal(20, limit.GetProperty("default").GetInt32());
        Assert.Contains("default 20, max 50", query.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnknownTool_IsAProtocolError()
    {
        await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => store.CallAsync("context.drop"));
    }
}
