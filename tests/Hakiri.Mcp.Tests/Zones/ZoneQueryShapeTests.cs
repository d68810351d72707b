using Hakiri.Mcp.Tools;
using static Hakiri.Mcp.Tests.Zones.ZoneExpectation;

namespace Hakiri.Mcp.Tests.Zones;

/// <summary>
/// Every query shape of the access-control suite under each zone (none, local:device, on-prem:clinic, private-cloud:acme,
/// public-cloud:openai), as a token holder and as an open session: rows and columns are withheld exactly where the zone
/// policy says, and every answer that touched them carries the withheld note.
/// </summary>
[Collection(ZoneStoreCollection.Name)]
public sealed class ZoneQueryShapeTests(ZoneStoreFixture store)
{
    private static readonly string[] Names = ["Amara Osei", "Lucía Fernández", "Kenji Watanabe"];

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Query_SelectStar_PhiColumnNullOutsideItsZones(string zone, bool open)
    {
        var expected = For(zone);
        var answer = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT * FROM customers ORDER BY customer_id" }));

        Assert.Equal(4, Column(answer, "customer_id").Length);
        Assert.Equal(["GH", "ES", "JP"], Column(answer, "country")[..3]);
        if (expected.Names)
        {
            Assert.Equal(Names, Column(answer, "name")[..3]);
            Assert.Empty(Withheld(answer));
        }
        else
        {
            Assert.All(Column(answer, "name"), n => Assert.Equal("null", n));
            Assert.Equal(["customers.name"], Withheld(answer));
        }
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Query_RestrictedTable_NoRowsOutsideOnPrem(string zone, bool open)
    {
        var expected = For(zone);
        var answer = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT * FROM orders" }));

        Assert.Equal(expected.Orders ? 9 : 0, answer.GetProperty("rows").GetArrayLength());
        Assert.Equal(expected.Orders ? [] : ["orders"], Withheld(answer));
        if (!expected.Orders)
        {
            var note = answer.GetProperty("withheld")[0];
            Assert.Equal("on-prem:*", note.GetProperty("allowed")[0].GetString());
            Assert.Equal(expected.Zone, note.GetProperty("caller_zone").GetString());
            Assert.Contains(expected.Zone is null ? "declared no zone" : $"not to this caller's zone {expected.Zone}", note.GetProperty("note").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Query_TableAndFilterArguments_Obey(string zone, bool open)
    {
        var expected = For(zone);
        var table = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { table = "orders", order_by = new[] { "order_id" } }));
        var filtered = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT customer_id, name, country FROM customers", filter = new { country = new[] { "ES" } } }));

        Assert.Equal(expected.Orders ? 9 : 0, table.GetProperty("rows").GetArrayLength());
        Assert.Equal([expected.Names ? "Lucía Fernández" : "null"], Column(filtered, "name"));
        Assert.Equal(expected.Names ? [] : ["customers.name"], Withheld(filtered));
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Query_JoinSubqueryCteUnion_SeeOnlyWhatTheZoneAllows(string zone, bool open)
    {
        var expected = For(zone);
        var orders = expected.Orders ? 9 : 0;
        var join = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT o.order_id, c.name FROM orders o JOIN customers c USING (customer_id)" }));
        var scalar = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT (SELECT count(*) FROM orders) AS n" }));
        var cte = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "WITH o AS (SELECT * FROM orders) SELECT count(*) AS n FROM o" }));
        var union = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT customer_id FROM customers UNION ALL SELECT customer_id FROM orders" }));
        var inList = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT count(*) AS n FROM customers WHERE customer_id IN (SELECT customer_id FROM orders)" }));

        Assert.Equal(orders, join.GetProperty("rows").GetArrayLength());
        Assert.Equal([orders.ToString(System.Globalization.CultureInfo.InvariantCulture)], Column(scalar, "n"));
        Assert.Equal(Column(scalar, "n"), Column(cte, "n"));
        Assert.Equal(4 + orders, union.GetProperty("rows").GetArrayLength());
        Assert.Equal([expected.Orders ? "4" : "0"], Column(inList, "n"));
        string[] both = [.. (expected.Names ? Array.Empty<string>() : ["customers.name"]).Concat(expected.Orders ? [] : ["orders"]).Order(StringComparer.Ordinal)];
        Assert.Equal(both, Withheld(join));
        Assert.Equal(expected.Orders ? [] : ["orders"], Withheld(scalar));
        Assert.Equal(expected.Orders ? [] : ["orders"], Withheld(cte));
    }

    [Theory]
    [MemberData(nameof(Callers), MemberType = typeof(ZoneExpectation))]
    public async Task Query_AggregatesWindowsAndProbes_OverWhatTheZoneAllows(string zone, bool open)
    {
        var expected = For(zone);
        var aggregate = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT count(*) AS n, count(name) AS named FROM customers" }));
        var totals = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT count(*) AS n, sum(amount) AS total FROM orders" }));
        var window = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT name, count(*) OVER () AS n FROM customers ORDER BY customer_id" }));
        var probe = Answer(await store.CallAsync(expected.Zone, open, ToolNames.Query, new { sql = "SELECT count(*) AS n FROM customers WHERE name ILIKE 'lucía%' OR length(name) > 0" }));

        Assert.Equal(["4"], Column(aggregate, "n"));
        Assert.Equal([expected.Names ? "4" : "0"], Column(aggregate, "named"));
        Assert.Equal([expected.Orders ? "9" : "0"], Column(totals, "n"));
        Assert.Equal(!expected.Orders, Column(totals, "total")[0] == "null");
        Assert.All(Column(window, "n"), n => Assert.Equal("4", n));
        Assert.Equal(expected.Names ? Names : ["null", "null", "null"], Column(window, "name")[..3]);
        Assert.Equal([expected.Names ? "4" : "0"], Column(probe, "n"));
    }
}
