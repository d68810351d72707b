using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Tools;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>Tool calls as the holder of a scope, and what tests read from their answers.</summary>
internal static class ScopedCalls
{
    public static async Task<CallToolResult> CallAsync(this ContextToolset tools, AccessScope scope, string tool, object arguments)
    {
        var json = JsonSerializer.Serialize(arguments);
        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        return await tools.CallAsync(tool, parsed, scope, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="sql"/> as <paramref name="scope"/> and returns its rows; fails the test on a tool error.</summary>
    public static async Task<JsonElement[]> RowsAsync(this ContextToolset tools, AccessScope scope, string sql)
    {
        var result = await tools.CallAsync(scope, ToolNames.Query, new { sql });
        Assert.False(result.IsError, $"{sql}: {ReadOnlyAttackTests.Text(result)}");
        return result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray();
    }

    /// <summary>Runs <paramref name="sql"/> as <paramref name="scope"/> and returns the refusal; fails the test when it ran.</summary>
    public static async Task<string> RefusalAsync(this ContextToolset tools, AccessScope scope, string sql)
    {
        var result = await tools.CallAsync(scope, ToolNames.Query, new { sql });
        Assert.True(result.IsError, $"{sql} ran: {ReadOnlyAttackTests.Text(result)}");
        return ReadOnlyAttackTests.Text(result);
    }

    /// <summary>One column of the rows as text (null as "null").</summary>
    public static string[] Column(this JsonElement[] rows, string name) =>
        rows.Select(r => r.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? "null" : r.GetProperty(name).ToString()).ToArray();
}
