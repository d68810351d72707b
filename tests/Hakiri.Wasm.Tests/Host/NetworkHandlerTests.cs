using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

/// <summary>The two network handlers: the built-in connectors' follows redirects, a WebAssembly connector's does not.</summary>
public sealed class NetworkHandlerTests
{
    [Fact]
    public async Task CreateDefault_Redirect_FollowedForTheBuiltInConnectors()
    {
        await using var server = await LocalServer.StartAsync();
        var services = ConnectorServices.CreateDefault();
        using var client = new HttpClient(services.Http);

        var body = await client.GetStringAsync(new Uri($"{server.BaseUrl}/redirect?status=301&to=%2Fhello"));

        Assert.Equal("héllo, wörld", body);
        Assert.Throws<ArgumentException>(() => new GrantedHost("x", ConnectorGrants.None, new Dictionary<string, string>(), services));
    }

    [Fact]
    public async Task CreateNetworkHandler_NotFollowing_HandsTheRedirectBack()
    {
        await using var server = await LocalServer.StartAsync();
        using var client = new HttpClient(ConnectorServices.CreateNetworkHandler(followRedirects: false));

        using var response = await client.GetAsync(new Uri($"{server.BaseUrl}/redirect?status=301&to=%2Fhello"));

        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(["GET /redirect?status=301&to=%2Fhello"], server.Requests);
    }
}
