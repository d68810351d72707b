using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hakiri.Cli.Serving;
using Hakiri.Mcp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Hakiri.Mcp.Tests.Access;

/// <summary><c>hakiri serve --http</c>'s endpoint (in-process, on loopback) under access control, with a fake token gate.</summary>
[Collection(StoreCollection.Name)]
public sealed class BearerHttpTests(StoreFixture store) : IAsyncLifetime
{
    private const string ListTables = """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"context.list_tables","arguments":{}}}""";
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _app = HttpHost.Build(new IPEndPoint(IPAddress.Loopback, 0), store.Tools, new McpHttpOptions(), FakeGate.Admit);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = new Uri(address.TrimEnd('/') + HttpHost.Path);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(null, FakeGate.Missing)]
    [InlineData("Basic c2hvcDo=", FakeGate.Missing)]
    [InlineData("Bearer forged", FakeGate.Bad)]
    public async Task Post_WithoutGoodBearer_Is401WithTheSentence(string? authorization, string sentence)
    {
        using var response = await PostAsync(ListTables, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(sentence, body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_ForeignOrigin_ForbiddenBeforeTheTokenCheck()
    {
        using var response = await PostAsync(ListTables, null, "https://evil.example.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_GoodBearer_ListsOnlyTheTokensTables()
    {
        using var response = await PostAsync(ListTables, "Bearer shop");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var data = text.Split('\n').First(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
        using var json = JsonDocument.Parse(data);
        var tables = json.RootElement.GetProperty("result").GetProperty("structuredContent").GetProperty("tables");
        Assert.Equal(["customers", "orders"], tables.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task SdkClient_GoodBearer_GetsScopedAnswers()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = _url,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer shop" },
        });
        await using var client = await McpClient.CreateAsync(transport);

        var rows = await client.CallToolAsync("context.query", new Dictionary<string, object?> { ["sql"] = "SELECT customer_id, name FROM customers ORDER BY 1" });
        var hidden = await client.CallToolAsync("context.query", new Dictionary<string, object?> { ["sql"] = "SELECT * FROM products" });
        var resources = await client.ListResourcesAsync();

        Assert.Equal(["c-03", "c-08"], rows.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray().Column("customer_id"));
        Assert.Equal(["null", "null"], rows.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray().Column("name"));
        Assert.True(hidden.IsError);
        Assert.Equal(["customers", "orders"], resources.Select(r => r.Name));
    }

    [Fact]
    public async Task SdkClient_NoBearer_FailsToConnect()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = _url });

        await Assert.ThrowsAnyAsync<Exception>(async () => await McpClient.CreateAsync(transport));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? authorization, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return await _http.SendAsync(request);
    }
}
