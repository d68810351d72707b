using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Resources;
using Hakiri.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>list_tables, describe and the resources under a scope; subject parameters and broken filters.</summary>
[Collection(StoreCollection.Name)]
public sealed class ScopedToolTests(StoreFixture store)
{
    private ContextToolset Tools => store.Tools;

    [Fact]
    public async Task ListTables_Scoped_OnlyGrantedTables()
    {
        var result = await Tools.CallAsync(Scopes.Shop, ToolNames.ListTables, new { });

        var tables = result.StructuredContent!.Value.GetProperty("tables").EnumerateArray().ToArray();
        Assert.Equal(["customers", "orders"], tables.Select(t => t.GetProperty("name").GetString()));
        Assert.False(tables[0].TryGetProperty("row_count", out _));
        Assert.Equal(["country IN (\"ES\", \"GH\")"], tables[0].GetProperty("row_filters").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Describe_Scoped_MarksRedactionStatesFilterSamplesVisibleRows()
    {
        var result = await Tools.CallAsync(Scopes.Shop, ToolNames.Describe, new { table = "customers", sample_rows = 10 });

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var table = result.StructuredContent!.Value.GetProperty("table");
        var columns = table.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.True(columns["name"].GetProperty("redacted").GetBoolean());
        Assert.False(columns["country"].TryGetProperty("redacted", out _));
        Assert.Equal(["country IN (\"ES\", \"GH\")"], table.GetProperty("row_filters").EnumerateArray().Select(f => f.GetString()));
        var samples = result.StructuredContent!.Value.GetProperty("sample_rows").EnumerateArray().ToArray();
        Assert.Equal(["c-03", "c-08"], samples.Column("customer_id").Order());
        Assert.Equal(["null", "null"], samples.Column("name"));
    }

    [Fact]
    public async Task Describe_HiddenTable_DoesNotExist()
    {
        var result = await Tools.CallAsync(Scopes.Shop, ToolNames.Describe, new { table = "products" });

        Assert.True(result.IsError);
        Assert.Equal("There is no table 'products'. Tables: customers, orders.", ReadOnlyAttackTests.Text(result));
    }

    [Fact]
    public void Resources_Scoped_ListAndReadOnlyGrantedTables()
    {
        var listed = Tools.ListResources(Scopes.Shop);
        var read = Tools.ReadResource(TableResources.UriPrefix + "customers", Scopes.Shop);
        var hidden = Assert.Throws<McpProtocolException>(() => Tools.ReadResource(TableResources.UriPrefix + "products", Scopes.Shop));

        Assert.Equal(["customers", "orders"], listed.Resources.Select(r => r.Name));
        Assert.Contains("\"redacted\":true", ((TextResourceContents)read.Contents[0]).Text, StringComparison.Ordinal);
        Assert.Equal(McpErrorCode.ResourceNotFound, hidden.ErrorCode);
        Assert.DoesNotContain("products,", hidden.Message, StringComparison.Ordinal);
        Assert.Equal(3, Tools.ListResources().Resources.Count);
    }

    [Fact]
    public async Task AnyTool_ScopeWithoutRead_Refused()
    {
        var scope = Scopes.Of(["*"], [], [], actions: ["write:memory"]);

        foreach (var (tool, args) in new (string, object)[] { (ToolNames.ListTables, new { }), (ToolNames.Describe, new { table = "orders" }), (ToolNames.Query, new { sql = "SELECT 1" }) })
        {
            var result = await Tools.CallAsync(scope, tool, args);
            Assert.True(result.IsError);
            Assert.Equal(ContextToolset.NoReadAction, ReadOnlyAttackTests.Text(result));
        }

        Assert.Throws<McpProtocolException>(() => Tools.ListResources(scope));
        Assert.Throws<McpProtocolException>(() => Tools.ReadResource(TableResources.UriPrefix + "orders", scope));
    }

    [Fact]
    public async Task Query_FilterOnSubjectParameter_BindsTheAgent()
    {
        var filter = new TableFilter("customers", new Comparison("customer_id", ComparisonOperator.Equal, new ParameterValue("agent")), "customer_id = $agent");
        var own = Scopes.Of(["customers"], [filter], [], subject: new Subject("c-08"));
        var tricky = Scopes.Of(["customers"], [filter], [], subject: new Subject("c-08' OR '1'='1"));
        var noTask = Scopes.Of(["customers"], [new TableFilter("customers", new Comparison("customer_id", ComparisonOperator.Equal, new ParameterValue("task_id")), "customer_id = $task_id")], []);

        Assert.Equal(["c-08"], (await Tools.RowsAsync(own, "SELECT customer_id FROM customers")).Column("customer_id"));
        Assert.Empty(await Tools.RowsAsync(tricky, "SELECT customer_id FROM customers"));
        Assert.Empty(await Tools.RowsAsync(noTask, "SELECT customer_id FROM customers"));
    }

    [Fact]
    public async Task Query_SeveralBlocksAndPatterns_AllFiltersApply()
    {
        var first = new ScopeBlock(["*"], ["read"], [new TableFilter("cust*", new NullCheck("country", Negated: true), "country IS NOT NULL")], [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var second = new ScopeBlock(["customers"], null, [new TableFilter("customers", new Negation(new Comparison("country", ComparisonOperator.Equal, new StringValue("JP"))), "NOT country = \"JP\"")], ["*.country"], DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var scope = new AccessScope(new Subject("a"), "t2", ["t1", "t2"], [first, second]);

        var rows = await Tools.RowsAsync(scope, "SELECT customer_id, country FROM customers ORDER BY 1");

        Assert.Equal(["c-03", "c-08", "c-22"], rows.Column("customer_id"));
        Assert.Equal(["null", "null", "null"], rows.Column("country"));
        Assert.Equal("There is no table 'orders'. Tables: customers.", await Tools.RefusalAsync(scope, "SELECT * FROM orders"));
    }

    [Fact]
    public async Task Query_FilterOnMissingColumn_TableRefusedNamingTheFilter()
    {
        var scope = Scopes.Of(["customers"], [new TableFilter("customers", new Comparison("region", ComparisonOperator.Equal, new StringValue("EU")), "region = \"EU\"")], []);

        var refusal = await Tools.RefusalAsync(scope, "SELECT count(*) FROM customers");

        Assert.Equal(
            "Table 'customers' cannot be read: the token's row filter 'region = \"EU\"' names column 'region', which the table does not have; ask the token's issuer for a filter on the table's own columns.",
            refusal);
    }

    [Fact]
    public async Task Query_NumberAndBooleanFilters_Bound()
    {
        var scope = Scopes.Of(["orders"], [new TableFilter("orders", new AllOf(new Comparison("amount", ComparisonOperator.GreaterOrEqual, new NumberValue(64m)), new InList("quantity", [new NumberValue(1m), new NumberValue(3m)], Negated: false)), "amount >= 64 AND quantity IN (1, 3)")], []);

        var rows = await Tools.RowsAsync(scope, "SELECT order_id FROM orders ORDER BY 1");

        Assert.Equal(["1003", "1005", "1006", "1008"], rows.Column("order_id"));
    }

    [Fact]
    public async Task Query_OpenStore_Unchanged()
    {
        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(new { sql = "SELECT count(*) AS n FROM products" }));

        Assert.False(result.IsError);
        Assert.Equal(["8"], result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray().Column("n"));
    }
}
