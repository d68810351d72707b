using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class GrantedHostRedirectTests
{
    [Fact]
    public async Task HttpFetch_RedirectToUngrantedHost_RefusedAndTargetSeesNothing()
    {
        await using var granted = await LocalServer.StartAsync();
        await using var other = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));
        var target = Uri.EscapeDataString($"http://localhost:{other.Port}/hello");

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"{granted.BaseUrl}/redirect?status=302&to={target}")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal(
            $"connector 'tickets' may not follow the redirect from {granted.BaseUrl}/redirect to localhost:{other.Port}: it is not granted; add \"http:localhost:{other.Port}\" to the grant of [connectors.tickets] (and declare it in the connector's connector.toml) if it should be.",
            error.Message);
        Assert.Single(granted.Requests);
        Assert.Equal(0, other.Connections);
    }

    [Fact]
    public async Task HttpFetch_RedirectToUngrantedPort_RefusedAndTargetSeesNothing()
    {
        await using var granted = await LocalServer.StartAsync();
        await using var other = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1", granted.Port)), new Dictionary<string, string>(), Services(network));
        var target = Uri.EscapeDataString($"{other.BaseUrl}/hello");

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"{granted.BaseUrl}/redirect?status=307&to={target}")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains($"may not follow the redirect from {granted.BaseUrl}/redirect to 127.0.0.1:{other.Port}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.Connections);
        Assert.Equal(1, host.HttpRequestsSent);

        // Granted, the same redirect reaches the other listener: the zero above is the grant's doing.
        using var wider = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));
        Assert.Equal("héllo, wörld", Text(wider.HttpFetch(Get($"{granted.BaseUrl}/redirect?status=307&to={target}"))));
        Assert.Equal(1, other.Connections);
    }

    [Fact]
    public async Task HttpFetch_SeeOtherWithinGrants_FollowedAsGetWithoutBody()
    {
        await using var first = await LocalServer.StartAsync();
        await using var second = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));
        var target = Uri.EscapeDataString($"{second.BaseUrl}/echo");
        var request = new GuestHttpRequest("POST", $"{first.BaseUrl}/redirect?status=303&to={target}", [new("Content-Type", "text/plain")], "form"u8.ToArray());

        var response = host.HttpFetch(request);

        Assert.Equal(200, response.Status);
        Assert.Equal("method=GET\ncontent-type=\nx-custom=\nauthorization=\nbody=", Text(response));
        Assert.Equal([$"POST /redirect?status=303&to={target}"], first.Requests);
        Assert.Equal(["GET /echo"], second.Requests);
        Assert.Equal(2, host.HttpRequestsSent);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task HttpFetch_TemporaryOrPermanentRedirect_KeepsMethodAndBody(int status)
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));
        var request = new GuestHttpRequest("PUT", $"{server.BaseUrl}/redirect?status={status}&to=%2Fecho", [new("Content-Type", "text/plain"), new("X-Custom", "7")], "payload"u8.ToArray());

        var response = host.HttpFetch(request);

        Assert.Equal("method=PUT\ncontent-type=text/plain\nx-custom=7\nauthorization=\nbody=payload", Text(response));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    public async Task HttpFetch_MovedOrFound_RelativeLocationFollowedAsGet(int status)
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));

        var response = host.HttpFetch(new GuestHttpRequest("POST", $"{server.BaseUrl}/redirect?status={status}&to=hello", [], "x"u8.ToArray()));

        Assert.Equal(200, response.Status);
        Assert.Equal("héllo, wörld", Text(response));
        Assert.Equal("GET /hello", server.Requests[^1]);
    }

    [Fact]
    public async Task HttpFetch_RedirectToAnotherOrigin_DropsCredentials()
    {
        await using var first = await LocalServer.StartAsync();
        await using var second = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network));
        var elsewhere = Uri.EscapeDataString($"{second.BaseUrl}/echo");

        var sameOrigin = host.HttpFetch(Get($"{first.BaseUrl}/redirect?to=%2Fecho", H("Authorization", "Bearer s3cret"), H("X-Custom", "1")));
        var otherOrigin = host.HttpFetch(Get($"{first.BaseUrl}/redirect?to={elsewhere}", H("Authorization", "Bearer s3cret"), H("X-Custom", "1")));

        Assert.Contains("authorization=Bearer s3cret\n", Text(sameOrigin), StringComparison.Ordinal);
        Assert.Contains("x-custom=1\nauthorization=\n", Text(otherOrigin), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpFetch_RedirectLoop_PermanentAfterTheLimit()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        var limits = GrantedHostLimits.Default with { MaxRedirects = 3 };
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network), limits);

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"{server.BaseUrl}/loop")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains("redirected more than 3 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public void HttpFetch_RedirectFromHttpsToHttp_Refused()
    {
        var twin = new TwinHandler
        {
            Respond = request => request.RequestUri!.Scheme == "https"
                ? new HttpResponseMessage(System.Net.HttpStatusCode.Found) { Headers = { Location = new Uri("http://api.example.com/plain") } }
                : new HttpResponseMessage(System.Net.HttpStatusCode.OK),
        };
        using var host = new GrantedHost("x", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(twin));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get("https://api.example.com/secure")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal([new Uri("https://api.example.com/secure")], twin.Urls);
    }

    [Fact]
    public void HttpFetch_RedirectWithoutLocation_ReturnedAsIs()
    {
        var twin = new TwinHandler { Respond = _ => new HttpResponseMessage(System.Net.HttpStatusCode.Found) };
        using var host = new GrantedHost("x", Http(Pattern("api.example.com")), new Dictionary<string, string>(), Services(twin));

        Assert.Equal(302, host.HttpFetch(Get("https://api.example.com/odd")).Status);
    }
}
