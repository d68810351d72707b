using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Hakiri.Mcp.Tests;

/// <summary>
/// The Streamable HTTP rules over a real <c>hakiri serve --http</c> (the SDK's endpoint behind Hakiri's Origin check):
/// methods, origins, media types, errors.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class HttpEndpointTests(StoreFixture store) : IAsyncLifetime
{
    private const string ToolsList = """{"jsonrpc":"2.0","id":7,"method":"tools/list"}""";
    private ServerProcess _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await Hakiri.StartHttpAsync(store.Manifest, "--allow-origin", "https://app.example.com");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Post_Request_AnswersWithOneEventOnAStream()
    {
        using var response = await PostAsync(ToolsList);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var json = await ReadEventAsync(response);
        Assert.Equal(7, json.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("result").GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public async Task Post_AcceptWithoutEventStream_IsNotAcceptable()
    {
        using var response = await PostAsync(ToolsList, request =>
        {
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("application/json");
        });

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverOneMebibyte_IsTooLarge()
    {
        var padding = new string(' ', 1024 * 1024);
        using var response = await PostAsync($$"""{"jsonrpc":"2.0","id":8,"method":"tools/list"{{padding}}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:5173", HttpStatusCode.OK)]
    [InlineData("http://127.0.0.1:3000", HttpStatusCode.OK)]
    [InlineData("https://app.example.com", HttpStatusCode.OK)]
    public async Task Post_Origin_IsCheckedAgainstLoopbackAndAllowedOrigins(string origin, HttpStatusCode expected)
    {
        using var response = await PostAsync(ToolsList, request => request.Headers.Add("Origin", origin));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Get_IsMethodNotAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.Url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Delete_IsMethodNotAllowed()
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _server.Url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Post_Notification_IsAccepted()
    {
        using var response = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("{\"jsonrpc\":", -32600)]
    [InlineData("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600)]
    [InlineData("42", -32600)]
    public async Task Post_Malformed_IsAJsonRpcError(string body, int code)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Post_WrongContentType_IsUnsupported()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Url) { Content = new StringContent(ToolsList, Encoding.UTF8, "text/plain") };
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_OtherPath_IsNotFound()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Url, "/other")) { Content = new StringContent(ToolsList, Encoding.UTF8, "application/json") };
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownMethod_IsAJsonRpcErrorOverHttp200()
    {
        using var response = await PostAsync("""{"jsonrpc":"2.0","id":9,"method":"tables/drop"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadEventAsync(response);
        Assert.Equal(-32601, json.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    // The SDK answers a request with an event stream carrying one `message` event: the JSON-RPC response.
    private static async Task<JsonDocument> ReadEventAsync(HttpResponseMessage response)
    {
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        var data = lines.Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim());
        return JsonDocument.Parse(Assert.Single(data));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _server.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        configure?.Invoke(request);
        return await _http.SendAsync(request);
    }
}
