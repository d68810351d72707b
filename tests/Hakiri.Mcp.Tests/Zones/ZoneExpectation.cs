using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests.Zones;

/// <summary>What a caller in one zone may see of the zoned quickstart, and what answers must say was withheld.</summary>
/// <param name="Zone">The caller's zone; null when it declared none.</param>
/// <param name="Orders">Whether orders' rows are served (on-prem only).</param>
/// <param name="Names">Whether customers.name is served (phi: local:device and on-prem).</param>
/// <param name="Descriptions">Whether products.description is served (local:device, on-prem, private-cloud).</param>
public sealed record ZoneExpectation(string? Zone, bool Orders, bool Names, bool Descriptions)
{
    public static readonly ZoneExpectation[] All =
    [
        new(null, Orders: false, Names: false, Descriptions: false),
        new("local:device", Orders: false, Names: true, Descriptions: true),
        new("on-prem:clinic", Orders: true, Names: true, Descriptions: true),
        new("private-cloud:acme", Orders: false, Names: false, Descriptions: true),
        new("public-cloud:openai", Orders: false, Names: false, Descriptions: false),
    ];

    /// <summary>Every zone, once as a token holder and once as an open session.</summary>
    public static TheoryData<string, bool> Callers()
    {
        var data = new TheoryData<string, bool>();
        foreach (var expectation in All)
        {
            data.Add(expectation.Zone ?? "none", false);
            data.Add(expectation.Zone ?? "none", true);
        }

        return data;
    }

    /// <summary>The callers whose zone withholds orders' rows.</summary>
    public static TheoryData<string, bool> CallersWithoutOrders()
    {
        var data = new TheoryData<string, bool>();
        foreach (var expectation in All.Where(e => !e.Orders))
        {
            data.Add(expectation.Zone ?? "none", false);
            data.Add(expectation.Zone ?? "none", true);
        }

        return data;
    }

    public static ZoneExpectation For(string zone) => All.Single(e => (e.Zone ?? "none") == zone);

    /// <summary>The <c>withheld</c> entries of an answer (or of a table document) as <c>table.column</c>, <c>table</c> for rows.</summary>
    public static string[] Withheld(JsonElement answer) =>
        answer.TryGetProperty("withheld", out var list)
            ? [.. list.EnumerateArray().Select(w => w.GetProperty("table").GetString() + (w.TryGetProperty("column", out var c) ? "." + c.GetString() : string.Empty)).Order(StringComparer.Ordinal)]
            : [];

    public static JsonElement Answer(CallToolResult result)
    {
        Assert.False(result.IsError, string.Join('\n', result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return result.StructuredContent!.Value;
    }

    public static string[] Column(JsonElement answer, string name) =>
        [.. answer.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? "null" : r.GetProperty(name).ToString())];
}
