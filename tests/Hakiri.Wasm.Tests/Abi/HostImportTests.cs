using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using Hakiri.Wasm.Tests.Support;

namespace Hakiri.Wasm.Tests.Abi;

/// <summary>
/// WIT values through the host imports and back: the test guest's discover calls config, env and http-fetch and logs
/// what it read out of the return areas the runtime lowered.
/// </summary>
public sealed class HostImportTests
{
    [Fact]
    public async Task Config_SomeAndNone_RoundTrip()
    {
        var host = new RecordingHost();
        host.ConfigValues["table"] = "orders ✓";

        await DiscoverAsync(host);

        Assert.Equal((GuestLogLevel.Info, "orders ✓"), host.Logs[0]);
        Assert.Equal((GuestLogLevel.Info, "none"), host.Logs[1]);
    }

    [Fact]
    public async Task Env_Some_RoundTrips()
    {
        var host = new RecordingHost();
        host.EnvironmentValues["TOKEN"] = "s3cret";

        await DiscoverAsync(host);

        Assert.Equal((GuestLogLevel.Info, "s3cret"), host.Logs[1]);
    }

    [Fact]
    public async Task HttpFetch_Ok_LiftsTheRequestAndLowersTheResponse()
    {
        var host = new RecordingHost
        {
            Http = _ => new GuestHttpResponse(201, [new("content-type", "text/plain")], "hello"u8.ToArray()),
        };

        await DiscoverAsync(host);

        var request = Assert.Single(host.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://api.example.com/x", request.Url);
        Assert.Equal([new KeyValuePair<string, string>("accept", "application/json")], request.Headers);
        Assert.Equal("abc"u8.ToArray(), request.Body);
        Assert.Equal(["201", "hello", "text/plain"], host.Logs.Skip(2).Take(3).Select(l => l.Message));
    }

    [Fact]
    public async Task HttpFetch_RateLimited_LowersTheErrorVariantWithItsMilliseconds()
    {
        var host = new RecordingHost
        {
            Http = _ => throw new ConnectorException(ConnectorErrorKind.RateLimited, "slow down", TimeSpan.FromMilliseconds(1500)),
        };

        await DiscoverAsync(host);

        Assert.Equal((GuestLogLevel.Warn, "rate-limited"), host.Logs[2]);
    }

    [Fact]
    public async Task HttpFetch_Refused_LowersThePermanentVariantWithItsMessage()
    {
        var host = new RecordingHost
        {
            Http = _ => throw new ConnectorException(ConnectorErrorKind.Permanent, "api.example.com is not granted"),
        };

        await DiscoverAsync(host);

        // The guest logs the error string at the level numbered like the error case (permanent = 1 = info).
        Assert.Equal((GuestLogLevel.Info, "api.example.com is not granted"), host.Logs[2]);
    }

    private static async Task DiscoverAsync(RecordingHost host)
    {
        using var connector = Support.Guests.Connect(new TestGuest().Build(), host: host);
        Assert.Single(await connector.DiscoverAsync());
    }
}
