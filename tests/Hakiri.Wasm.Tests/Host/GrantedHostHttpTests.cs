using Hakiri.Connectors.Cassettes;
using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class GrantedHostHttpTests
{
    [Fact]
    public async Task HttpFetch_GrantedHost_ReturnsStatusHeadersAndBody()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));

        var response = host.HttpFetch(Get($"{server.BaseUrl}/hello"));

        Assert.Equal(200, response.Status);
        Assert.Equal("héllo, wörld", Text(response));
        Assert.Equal("a", Header(response, "X-Test"));
        Assert.Equal(["one=1", "two=2"], response.Headers.Where(h => h.Key == "Set-Cookie").Select(h => h.Value));
        Assert.Equal("text/plain; charset=utf-8", Header(response, "Content-Type"));
        Assert.Equal(1, server.Connections);
        Assert.Equal(1, host.HttpRequestsSent);
    }

    [Fact]
    public async Task HttpFetch_PostWithHeadersAndBody_ServerReceivesThem()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1", server.Port)), new Dictionary<string, string>(), Services(network));
        KeyValuePair<string, string>[] headers = [new("Content-Type", "application/json"), new("X-Custom", "42"), new("Content-Length", "999")];

        var response = host.HttpFetch(new GuestHttpRequest("POST", $"{server.BaseUrl}/echo", headers, "{\"a\":1}"u8.ToArray()));

        Assert.Equal("method=POST\ncontent-type=application/json\nx-custom=42\nauthorization=\nbody={\"a\":1}", Text(response));
    }

    [Fact]
    public async Task HttpFetch_ErrorStatus_ReturnedToTheGuestAsIs()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));

        var response = host.HttpFetch(Get($"{server.BaseUrl}/status/503"));

        Assert.Equal(503, response.Status);
        Assert.Equal("status page", Text(response));
    }

    [Fact]
    public async Task HttpFetch_UngrantedHost_RefusedBeforeAnyConnection()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"http://localhost:{server.Port}/hello?token=secret")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal(
            $"connector 'tickets' may not reach localhost:{server.Port}: it is not granted; add \"http:localhost:{server.Port}\" to the grant of [connectors.tickets] (and declare it in the connector's connector.toml) if it should be.",
            error.Message);
        Assert.Equal(0, server.Connections);
        Assert.Equal(0, host.HttpRequestsSent);

        // The same listener counts a granted request, so the zero above means no connection was opened.
        host.HttpFetch(Get($"{server.BaseUrl}/hello"));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task HttpFetch_PortNotGranted_RefusedBeforeAnyConnection()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1", server.Port + 1)), new Dictionary<string, string>(), Services(network));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"{server.BaseUrl}/hello")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains($"may not reach 127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Theory]
    [InlineData("/hello")]
    [InlineData("hello")]
    [InlineData("ftp://127.0.0.1/file")]
    [InlineData("file:///etc/passwd")]
    public void HttpFetch_NotAnAbsoluteHttpUrl_Permanent(string url)
    {
        var twin = new TwinHandler();
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(twin));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get(url)));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains("not an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Empty(twin.Urls);
    }

    [Fact]
    public void HttpFetch_HostHeader_RefusedSoTheUrlAloneNamesTheHost()
    {
        var twin = new TwinHandler();
        using var host = new GrantedHost("tickets", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(twin));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get("https://api.example.com/v1", H("Host", "internal.example.org"))));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Empty(twin.Urls);
    }

    [Theory]
    [InlineData("X-Bad", "line\r\nInjected: yes")]
    [InlineData("Bad Name", "x")]
    public void HttpFetch_InvalidHeader_Permanent(string name, string value)
    {
        var twin = new TwinHandler();
        using var host = new GrantedHost("tickets", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(twin));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get("https://api.example.com/v1", H(name, value))));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains($"header '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(twin.Urls);
    }

    [Fact]
    public void HttpFetch_ConnectionRefused_Transient()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"http://127.0.0.1:{port}/hello")));

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.StartsWith($"connector 'tickets': GET http://127.0.0.1:{port}/hello failed (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_HandlerThatFollowsRedirects_Refused()
    {
        using var redirecting = ConnectorServices.CreateNetworkHandler(followRedirects: true);
        using var recorder = new CassetteRecorder(redirecting, Redactor.None);

        Assert.Throws<ArgumentException>(() => new GrantedHost("tickets", ConnectorGrants.None, new Dictionary<string, string>(), Services(redirecting)));
        Assert.Throws<ArgumentException>(() => new GrantedHost("tickets", ConnectorGrants.None, new Dictionary<string, string>(), Services(recorder)));
    }

    [Fact]
    public void HttpFetch_HandlerRedirectedByItself_FailsRatherThanHandTheGuestAnUncheckedHop()
    {
        var twin = new TwinHandler
        {
            Respond = request =>
            {
                request.RequestUri = new Uri("https://elsewhere.example.org/");
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("from elsewhere") };
            },
        };
        using var host = new GrantedHost("tickets", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(twin));

        var error = Assert.Throws<InvalidOperationException>(() => host.HttpFetch(Get("https://api.example.com/v1")));

        Assert.Contains("https://elsewhere.example.org/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpFetch_AfterDispose_Throws()
    {
        var host = new GrantedHost("tickets", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(new TwinHandler()));
        host.Dispose();

        Assert.Throws<ObjectDisposedException>(() => host.HttpFetch(Get("https://api.example.com/v1")));
    }
}
