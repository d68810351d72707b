using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class GrantedHostLimitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HttpFetch_BodyOverTheCap_Permanent(bool chunked)
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        var limits = GrantedHostLimits.Default with { MaxResponseBodyBytes = 2500 };
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network), limits);
        var flag = chunked ? "&chunked=1" : "";

        Assert.Equal(2500, host.HttpFetch(Get($"{server.BaseUrl}/big?bytes=2500{flag}")).Body.Length);
        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"{server.BaseUrl}/big?bytes=2501{flag}")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal($"connector 'tickets': GET {server.BaseUrl}/big returned a body over the 2500-byte limit; fetch it in smaller pieces (pagination, ranges).", error.Message);
    }

    [Fact]
    public async Task HttpFetch_ServerNeverAnswers_TransientTimeout()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        var limits = GrantedHostLimits.Default with { HttpTimeout = TimeSpan.FromMilliseconds(200) };
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network), limits);

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get($"{server.BaseUrl}/hang")));

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Equal($"connector 'tickets': GET {server.BaseUrl}/hang timed out after 0.2 s; the service is slow or unreachable, so retry later.", error.Message);
    }

    [Fact]
    public async Task HttpFetch_RunCancelled_OperationCanceled()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        using var run = new CancellationTokenSource();
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network), cancellationToken: run.Token);

        var fetch = Task.Run(() => host.HttpFetch(Get($"{server.BaseUrl}/gate")));
        Assert.True(SpinWait.SpinUntil(() => server.ArrivedAtGate == 1, TimeSpan.FromSeconds(30)));
        await run.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Fact]
    public async Task HttpFetch_InFlightLimitReached_NextFetchWaitsForASlot()
    {
        await using var server = await LocalServer.StartAsync();
        using var network = ConnectorServices.CreateNetworkHandler(followRedirects: false);
        var limits = GrantedHostLimits.Default with { HttpRequestsInFlight = 2 };
        using var host = new GrantedHost("tickets", Http(Pattern("127.0.0.1")), new Dictionary<string, string>(), Services(network), limits);
        var url = $"{server.BaseUrl}/gate";

        var first = Task.Run(() => host.HttpFetch(Get(url)));
        var second = Task.Run(() => host.HttpFetch(Get(url)));
        Assert.True(SpinWait.SpinUntil(() => server.ArrivedAtGate == 2, TimeSpan.FromSeconds(30)));
        var third = Task.Run(() => host.HttpFetch(Get(url)));
        // Either the third fetch waits for a slot (the limit) or it reaches the server (no limit): one of the two happens.
        Assert.True(SpinWait.SpinUntil(() => host.HttpFetchesWaiting == 1 || server.ArrivedAtGate == 3, TimeSpan.FromSeconds(30)));

        Assert.Equal(2, server.ArrivedAtGate);
        Assert.Equal(1, host.HttpFetchesWaiting);
        server.OpenGate();
        Assert.All(await Task.WhenAll(first, second, third), response => Assert.Equal("through", Text(response)));
        Assert.Equal(3, server.ArrivedAtGate);
        Assert.Equal(0, host.HttpFetchesWaiting);
    }

    [Fact]
    public void Constructor_ZeroLimit_Refused()
    {
        var services = Services(new TwinHandler());

        Assert.Throws<ArgumentOutOfRangeException>(() => new GrantedHost("x", ConnectorGrants.None, new Dictionary<string, string>(), services, GrantedHostLimits.Default with { HttpRequestsInFlight = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GrantedHost("x", ConnectorGrants.None, new Dictionary<string, string>(), services, GrantedHostLimits.Default with { LogBytesPerSecond = 0 }));
    }
}
