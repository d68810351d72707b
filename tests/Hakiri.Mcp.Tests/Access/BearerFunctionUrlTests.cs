using System.Text;
using System.Text.Json;
using Hakiri.Mcp.FunctionUrl;
using Hakiri.Mcp.Http;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>The function URL handler under access control: the same bearer rule as <c>hakiri serve --http</c>.</summary>
[Collection(StoreCollection.Name)]
public sealed class BearerFunctionUrlTests(StoreFixture store)
{
    private McpHttpHandler Handler => new(HakiriMcpServer.CreateOptions(store.Tools, "test", new ServerAccess()), new McpHttpOptions(), FakeGate.Admit);

    [Theory]
    [InlineData(null, FakeGate.Missing)]
    [InlineData("Bearer nope", FakeGate.Bad)]
    public async Task Handle_WithoutGoodBearer_Is401WithTheSentence(string? authorization, string sentence)
    {
        var response = await Handler.HandleAsync(Request("SELECT 1", authorization));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.Headers["WWW-Authenticate"]);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(sentence, body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Handle_GoodBearer_AnswersUnderTheScope()
    {
        var response = await Handler.HandleAsync(Request("SELECT count(*) AS n, sum(amount) AS total FROM orders", "Bearer shop"));

        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        var rows = body.RootElement.GetProperty("result").GetProperty("structuredContent").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["5"], rows.Column("n"));
    }

    [Fact]
    public async Task Handle_OptionsWithAccessButNoAdmit_RefusesEveryCall()
    {
        var handler = new McpHttpHandler(HakiriMcpServer.CreateOptions(store.Tools, "test", new ServerAccess()), new McpHttpOptions());

        var response = await handler.HandleAsync(Request("SELECT 1", null));

        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(AccessPrincipal.MissingToken, body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    private static McpHttpRequest Request(string sql, string? authorization)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Accept"] = "application/json" };
        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method = "tools/call", @params = new { name = "context.query", arguments = new { sql } } });
        return new McpHttpRequest("POST", "/mcp", headers, Encoding.UTF8.GetBytes(body));
    }
}
