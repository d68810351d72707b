using System.Text;
using System.Text.Json;
using Hakiri.Mcp.FunctionUrl;
using Hakiri.Mcp.Http;

namespace Hakiri.Mcp.Tests;

/// <summary>Lambda function URL events (payload format 2.0, in the shape AWS documents) answered by the shared handler.</summary>
[Collection(StoreCollection.Name)]
public sealed class FunctionUrlTests(StoreFixture store)
{
    private FunctionUrlMcpHandler Handler => new(new McpHttpHandler(HakiriMcpServer.CreateOptions(store.Tools, "test"), new McpHttpOptions { Paths = ["/", "/mcp"] }));

    [Fact]
    public async Task Initialize_AnswersWithServerInfo()
    {
        var (status, headers, body) = await AnswerAsync("initialize.json");

        Assert.Equal(200, status);
        Assert.Equal("application/json", headers.GetProperty("Content-Type").GetString());
        Assert.Equal(1, body.GetProperty("id").GetInt32());
        Assert.Equal("2025-06-18", body.GetProperty("result").GetProperty("protocolVersion").GetString());
        Assert.Equal("hakiri", body.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ToolsList_WithoutASession_ListsTheTools()
    {
        var (status, _, body) = await AnswerAsync("tools-list.json");

        Assert.Equal(200, status);
        Assert.Equal(["context.list_tables", "context.describe", "context.query", "memory.search"],
            body.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ToolsCall_Base64Body_RunsTheQuery()
    {
        var (status, _, body) = await AnswerAsync("tools-call-query.json");

        Assert.Equal(200, status);
        Assert.Equal("call-3", body.GetProperty("id").GetString());
        var rows = body.GetProperty("result").GetProperty("structuredContent").GetProperty("rows");
        Assert.Equal([1001L, 1008L], rows.EnumerateArray().Select(r => r.GetProperty("order_id").GetInt64()));
        Assert.Equal("refunded", rows[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ToolsCall_CommitInjection_IsAToolError()
    {
        var (status, _, body) = await AnswerAsync("tools-call-refused.json");

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("result").GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task Notification_IsAcceptedWithoutABody()
    {
        var (status, _, raw) = await AnswerRawAsync("notification.json");

        Assert.Equal(202, status);
        Assert.Equal(string.Empty, raw);
    }

    [Fact]
    public async Task BadJson_IsAJsonRpcParseError()
    {
        var (status, _, body) = await AnswerAsync("bad-json.json");

        Assert.Equal(400, status);
        Assert.Equal(-32700, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task Get_IsMethodNotAllowed()
    {
        var (status, headers, _) = await AnswerAsync("get.json");

        Assert.Equal(405, status);
        Assert.Equal("POST", headers.GetProperty("Allow").GetString());
    }

    [Fact]
    public async Task ForeignOrigin_IsForbidden()
    {
        var (status, _, _) = await AnswerAsync("foreign-origin.json");

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task UnsupportedProtocolVersion_IsABadRequest()
    {
        var (status, _, body) = await AnswerAsync("bad-protocol-version.json");

        Assert.Equal(400, status);
        Assert.Contains("1900-01-01", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"version": "2.0"}""")]
    [InlineData("""{"requestContext": {"http": {"method": "POST", "path": "/"}}, "body": "%%%", "isBase64Encoded": true}""")]
    public async Task MalformedEvent_IsA400NotAnException(string eventJson)
    {
        using var response = JsonDocument.Parse(await Handler.HandleAsync(eventJson));

        Assert.Equal(400, response.RootElement.GetProperty("statusCode").GetInt32());
    }

    private async Task<(int Status, JsonElement Headers, JsonElement Body)> AnswerAsync(string fixture)
    {
        var (status, headers, raw) = await AnswerRawAsync(fixture);
        return (status, headers, JsonDocument.Parse(raw).RootElement.Clone());
    }

    private async Task<(int Status, JsonElement Headers, string Body)> AnswerRawAsync(string fixture)
    {
        var eventJson = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "FunctionUrl", fixture));
        using var response = JsonDocument.Parse(await Handler.HandleAsync(eventJson));
        var root = response.RootElement;
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
        var body = root.GetProperty("body").GetString()!;
        return (root.GetProperty("statusCode").GetInt32(), root.GetProperty("headers").Clone(), body);
    }
}
