using System.Text.Json;
using Hakiri.Mcp.Tools;
using Hakiri.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests;

/// <summary>
/// The real <c>hakiri serve</c> process driven by clients Hakiri did not write: the C# SDK's client and the official
/// TypeScript SDK, each over stdio and Streamable HTTP; answers must match <c>hakiri query</c> on the same store.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class ClientTests(StoreFixture store)
{
    private const string Sql = "SELECT order_id, customer_id, amount, status, ordered_at FROM orders WHERE amount > 10 ORDER BY order_id";

    [Fact]
    public async Task CSharpClient_Stdio_ListsToolsAndQueriesLikeHakiriQuery()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "hakiri",
            Command = "dotnet",
            Arguments = [Hakiri.Dll, "serve", "-m", store.Manifest],
        });
        await using var client = await McpClient.CreateAsync(transport);

        await AssertSessionAsync(client);
    }

    [Fact]
    public async Task CSharpClient_Http_ListsToolsAndQueriesLikeHakiriQuery()
    {
        await using var server = await Hakiri.StartHttpAsync(store.Manifest);
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Url, TransportMode = HttpTransportMode.StreamableHttp });
        await using var client = await McpClient.CreateAsync(transport);

        await AssertSessionAsync(client);
    }

    [Fact]
    public async Task TypeScriptClient_Stdio_ListsToolsAndQueriesLikeHakiriQuery()
    {
        var output = await TypeScriptAsync(new { transport = "stdio", command = "dotnet", args = new[] { Hakiri.Dll, "serve", "-m", store.Manifest }, calls = Calls });

        await AssertTypeScriptAsync(output);
    }

    [Fact]
    public async Task TypeScriptClient_Http_ListsToolsAndQueriesLikeHakiriQuery()
    {
        await using var server = await Hakiri.StartHttpAsync(store.Manifest);

        var output = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), calls = Calls });

        await AssertTypeScriptAsync(output);
    }

    private static object[] Calls =>
    [
        new { name = ToolNames.Query, arguments = new { sql = Sql } },
        new { name = ToolNames.Query, arguments = new { sql = "COMMIT; DROP VIEW orders" } },
        new { name = ToolNames.Describe, arguments = new { table = "products", sample_rows = 1 } },
    ];

    private async Task AssertSessionAsync(McpClient client)
    {
        Assert.Equal("hakiri", client.ServerInfo!.Name);
        Assert.Contains("context.list_tables", client.ServerInstructions ?? string.Empty, StringComparison.Ordinal);
        var tools = await client.ListToolsAsync();
        Assert.Equal([ToolNames.Describe, ToolNames.ListTables, ToolNames.Query, ToolNames.MemoryDelete, ToolNames.MemorySearch, ToolNames.MemoryWrite],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.Equal(t.Name is not (ToolNames.MemoryWrite or ToolNames.MemoryDelete), t.ProtocolTool.Annotations?.ReadOnlyHint));

        var query = await client.CallToolAsync(ToolNames.Query, new Dictionary<string, object?> { ["sql"] = Sql });
        await AssertMatchesCliAsync(query.StructuredContent!.Value);
        using (var text = JsonDocument.Parse(((TextContentBlock)query.Content[0]).Text))
        {
            Assert.True(JsonElement.DeepEquals(query.StructuredContent!.Value, text.RootElement), "the text block is not the structured result");
        }

        var refused = await client.CallToolAsync(ToolNames.Query, new Dictionary<string, object?> { ["sql"] = "SELECT 1; COMMIT; DROP VIEW orders" });
        Assert.True(refused.IsError);
        Assert.StartsWith("Refused:", ((TextContentBlock)refused.Content[0]).Text, StringComparison.Ordinal);

        var resources = await client.ListResourcesAsync();
        Assert.Equal(["hakiri://tables/customers", "hakiri://tables/orders", "hakiri://tables/products"], resources.Select(r => r.Uri));
        var schema = await client.ReadResourceAsync("hakiri://tables/orders");
        using var document = JsonDocument.Parse(((TextResourceContents)schema.Contents[0]).Text);
        Assert.Equal("orders", document.RootElement.GetProperty("name").GetString());
        var templates = await client.ListResourceTemplatesAsync();
        Assert.Equal("hakiri://tables/{name}", Assert.Single(templates).UriTemplate);
    }

    private async Task AssertTypeScriptAsync(JsonElement output)
    {
        Assert.Equal("hakiri", output.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal([ToolNames.ListTables, ToolNames.Describe, ToolNames.Query, ToolNames.MemoryWrite, ToolNames.MemorySearch, ToolNames.MemoryDelete], output.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(3, output.GetProperty("resources").GetArrayLength());
        var results = output.GetProperty("results");
        await AssertMatchesCliAsync(results[0].GetProperty("structuredContent"));
        Assert.True(results[1].GetProperty("isError").GetBoolean());
        Assert.Contains("2 statements", results[1].GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("products", results[2].GetProperty("structuredContent").GetProperty("table").GetProperty("name").GetString());
    }

    private async Task AssertMatchesCliAsync(JsonElement result)
    {
        var cli = await store.CliQueryAsync(Sql);
        var rows = result.GetProperty("rows").EnumerateArray().ToArray();
        Assert.NotEmpty(rows);
        Assert.Equal(cli.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.True(JsonElement.DeepEquals(cli[i], rows[i]), $"row {i}: cli {cli[i]} vs mcp {rows[i]}");
        }
    }

    internal static async Task<JsonElement> TypeScriptAsync(object spec)
    {
        var tools = RepoPaths.Of("tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "@modelcontextprotocol", "sdk")), "Test tools missing: run scripts/install-test-deps.sh.");
        var result = await ExternalProcess.RunAsync("node", [Path.Combine(tools, "mcp-client.mjs"), JsonSerializer.Serialize(spec)], timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}
