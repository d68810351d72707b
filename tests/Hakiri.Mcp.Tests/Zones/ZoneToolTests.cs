using System.Text.Json;
using Hakiri.Mcp.Resources;
using Hakiri.Mcp.Tools;
using static Hakiri.Mcp.Tests.Zones.ZoneExpectation;

namespace Hakiri.Mcp.Tests.Zones;

/// <summary>describe, list_tables, resources and search under each zone: the table is still listed, with what is withheld and why.</summary>
[Collection(ZoneStoreCollection.Name)]
public sealed class ZoneToolTests(ZoneStoreFixture store)
{
    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Describe_SamplesAndNote_FollowTheZone(string zone, bool open)
    {
        var expected = For(zone);
        var customers = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Describe, new { table = "customers", sample_rows = 4 }));
        var orders = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Describe, new { table = "orders", sample_rows = 4 }));

        Assert.Equal(expected.Names ? [] : ["customers.name"], Withheld(customers.GetProperty("table")));
        Assert.Equal(!expected.Names, customers.GetProperty("sample_rows").EnumerateArray().All(r => r.GetProperty("name").ValueKind == JsonValueKind.Null));
        Assert.Equal(expected.Orders ? [] : ["orders"], Withheld(orders.GetProperty("table")));
        Assert.Equal(expected.Orders ? 4 : 0, orders.GetProperty("sample_rows").GetArrayLength());
        Assert.Equal(expected.Orders, orders.GetProperty("table").TryGetProperty("row_count", out _));
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task ListTables_EveryTableListed_WithheldSaidPerTable(string zone, bool open)
    {
        var expected = For(zone);
        var answer = Answer(await store.CallAsync(expected.Zone, open, ToolNames.ListTables, new { }));
        var tables = answer.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);

        Assert.Equal(["customers", "orders", "products"], tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Orders ? [] : ["orders"], Withheld(tables["orders"]));
        Assert.Equal(expected.Names ? [] : ["customers.name"], Withheld(tables["customers"]));
        Assert.Equal(expected.Descriptions ? [] : ["products.description"], Withheld(tables["products"]));
        Assert.Equal(!expected.Names, tables["customers"].GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "name").TryGetProperty("redacted", out _));
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public void ReadResource_TableDocument_SaysWhatIsWithheld(string zone, bool open)
    {
        var expected = For(zone);
        var tools = open ? store.OpenTools(expected.Zone) : store.Tools;
        var scope = open ? null : ZoneStoreFixture.Token(expected.Zone);

        var listed = tools.ListResources(scope).Resources.Select(r => r.Name).Order(StringComparer.Ordinal);
        var read = tools.ReadResource(TableResources.UriPrefix + "orders", scope);
        using var document = JsonDocument.Parse(((ModelContextProtocol.Protocol.TextResourceContents)read.Contents[0]).Text);

        Assert.Equal(["customers", "orders", "products"], listed);
        Assert.Equal(expected.Orders ? [] : ["orders"], Withheld(document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Search_IndexOverWithheldColumn_RefusedWithTheReason(string zone, bool open)
    {
        var expected = For(zone);
        var result = await store.CallAsync(expected.Zone, open, ToolNames.Query, new { table = "products", search = "mug" });

        if (expected.Descriptions)
        {
            var answer = Answer(result);
            Assert.Contains("Enamel mug", Column(answer, "name"));
            Assert.Empty(Withheld(answer));
        }
        else
        {
            Assert.True(result.IsError);
            var text = ((ModelContextProtocol.Protocol.TextContentBlock)result.Content[0]).Text;
            Assert.Contains("index ranks rows by column 'description', which is withheld", text, StringComparison.Ordinal);
            Assert.DoesNotContain("mug", text.Replace("search = \"mug\"", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(CallersWithoutOrders), MemberType = typeof(ZoneExpectation))]
    public async Task Search_TableWithWithheldRows_NoRowsAndTheNote(string zone, bool open)
    {
        var expected = For(zone);
        var answer = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { table = "orders", search = "shipped" }));

        Assert.Equal(0, answer.GetProperty("rows").GetArrayLength());
        Assert.Equal(["orders"], Withheld(answer));
    }

    [Fact]
    public async Task Audit_TokenAndOpenSession_RecordTheZone()
    {
        await store.CallAsync("public-cloud:openai", false, ToolNames.Query, new { sql = "SELECT 'audit-token' AS marker, count(*) FROM customers" });
        await store.CallAsync("local:device", true, ToolNames.Query, new { sql = "SELECT 'audit-open' AS marker, count(*) FROM customers" });

        var records = store.Audit.Records.Where(r => r.Tables.Contains("customers")).ToList();
        Assert.Contains(records, r => r.Zone == "public-cloud:openai" && r.Subject?.Agent == "agent-z");
        Assert.Contains(records, r => r.Zone == "local:device" && r.Subject is null);
    }
}
