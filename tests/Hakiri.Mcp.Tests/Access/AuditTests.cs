using System.Collections.Concurrent;
using Hakiri.Access.Audit;
using Hakiri.Mcp.Resources;
using Hakiri.Mcp.Tools;
using ModelContextProtocol;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>Every read reaches the audit sink before it is answered, with who, what and which keys.</summary>
[Collection(StoreCollection.Name)]
public sealed class AuditTests(StoreFixture store)
{
    [Fact]
    public async Task Query_Scoped_RecordsSubjectTablesRowsAndKeys()
    {
        var sink = new ListSink();
        var tools = new ContextToolset(store.Store, audit: sink);

        await tools.RowsAsync(Scopes.Shop, "SELECT * FROM customers ORDER BY customer_id");

        var record = Assert.Single(sink.Records);
        Assert.Equal("agent-a", record.Subject!.Agent);
        Assert.Equal("tok-1", record.TokenId);
        Assert.Equal(ToolNames.Query, record.Tool);
        Assert.Equal(["customers"], record.Tables);
        Assert.Equal(2, record.RowCount);
        Assert.Equal([new AuditKey("customers", "c-03"), new AuditKey("customers", "c-08")], record.Keys);
        Assert.True(record.KeysComplete);
    }

    [Fact]
    public async Task Query_Aggregate_KeysIncomplete()
    {
        var sink = new ListSink();
        var tools = new ContextToolset(store.Store, audit: sink);

        await tools.RowsAsync(Scopes.Shop, "SELECT o.order_id, count(*) AS n FROM orders o JOIN customers c USING (customer_id) GROUP BY ALL ORDER BY 1");

        var record = Assert.Single(sink.Records);
        Assert.Equal(["customers", "orders"], record.Tables.Order());
        Assert.Equal(["1002", "1005", "1006"], record.Keys.Where(k => k.Table == "orders").Select(k => k.Key));
        Assert.DoesNotContain(record.Keys, k => k.Table == "customers");
        Assert.False(record.KeysComplete);
    }

    [Fact]
    public async Task DescribeAndResource_Open_RecordedWithoutSubject()
    {
        var sink = new ListSink();
        var tools = new ContextToolset(store.Store, audit: sink);

        await tools.CallAsync(ToolNames.Describe, new Dictionary<string, System.Text.Json.JsonElement> { ["table"] = System.Text.Json.JsonDocument.Parse("\"orders\"").RootElement });
        tools.ReadResource(TableResources.UriPrefix + "products");

        Assert.Equal([ToolNames.Describe, "resources/read"], sink.Records.Select(r => r.Tool));
        Assert.All(sink.Records, r => Assert.Null(r.Subject));
        Assert.Equal(5, sink.Records[0].RowCount);
        Assert.Equal(5, sink.Records[0].Keys.Count);
        Assert.Equal(["products"], sink.Records[1].Tables);
    }

    [Fact]
    public async Task AnyRead_SinkFails_NotAnswered()
    {
        var tools = new ContextToolset(store.Store, audit: new FailingSink());

        var query = await tools.CallAsync(Scopes.Shop, ToolNames.Query, new { sql = "SELECT * FROM customers" });
        var resource = Assert.Throws<McpProtocolException>(() => tools.ReadResource(TableResources.UriPrefix + "orders", Scopes.Shop));

        Assert.True(query.IsError);
        Assert.Equal(
            "The read was not answered because its audit record could not be written (disk full); check the audit log's storage and try again.",
            ReadOnlyAttackTests.Text(query));
        Assert.DoesNotContain("c-0", ReadOnlyAttackTests.Text(query), StringComparison.Ordinal);
        Assert.Contains("audit record could not be written", resource.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedQuery_NotRecorded()
    {
        var sink = new ListSink();
        var tools = new ContextToolset(store.Store, audit: sink);

        await tools.RefusalAsync(Scopes.Shop, "SELECT * FROM products");

        Assert.Empty(sink.Records);
    }

    private sealed class ListSink : IAuditSink
    {
        private readonly ConcurrentQueue<AuditRecord> _records = new();

        public IReadOnlyList<AuditRecord> Records => [.. _records];

        public void Record(AuditRecord record) => _records.Enqueue(record);
    }

    private sealed class FailingSink : IAuditSink
    {
        public void Record(AuditRecord record) => throw new IOException("disk full");
    }
}
