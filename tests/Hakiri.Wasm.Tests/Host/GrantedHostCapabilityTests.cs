using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class GrantedHostCapabilityTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Environment_Granted_ReadsTheVariable()
    {
        var read = new List<string>();
        var services = Services(new TwinHandler(), environment: name => { read.Add(name); return name == "API_TOKEN" ? "t0ken" : null; });
        using var host = new GrantedHost("x", new ConnectorGrants([], ["API_TOKEN", "UNSET"], false), new Dictionary<string, string>(), services);

        Assert.Equal("t0ken", host.Environment("API_TOKEN"));
        Assert.Null(host.Environment("UNSET"));
        Assert.Equal(["API_TOKEN", "UNSET"], read);
    }

    [Theory]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("api_token")]
    [InlineData("API_TOKEN ")]
    [InlineData("")]
    public void Environment_NotGranted_NullAndNeverRead(string name)
    {
        var read = new List<string>();
        var services = Services(new TwinHandler(), environment: n => { read.Add(n); return "set"; });
        using var host = new GrantedHost("x", new ConnectorGrants([], ["API_TOKEN"], false), new Dictionary<string, string>(), services);

        Assert.Null(host.Environment(name));
        Assert.Empty(read);
    }

    [Fact]
    public void Environment_ProcessVariableSetButNotGranted_Null()
    {
        var name = $"HAKIRI_GRANT_TEST_{Guid.NewGuid():N}";
        System.Environment.SetEnvironmentVariable(name, "visible");
        try
        {
            var services = Services(new TwinHandler(), environment: System.Environment.GetEnvironmentVariable);
            using var denied = new GrantedHost("x", ConnectorGrants.None, new Dictionary<string, string>(), services);
            using var granted = new GrantedHost("x", new ConnectorGrants([], [name], false), new Dictionary<string, string>(), services);

            Assert.Null(denied.Environment(name));
            Assert.Equal("visible", granted.Environment(name));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void NowMilliseconds_ClockNotGranted_Null()
    {
        using var host = new GrantedHost("x", ConnectorGrants.None, new Dictionary<string, string>(), Services(new TwinHandler(), clock: new ManualClock(Noon)));

        Assert.Null(host.NowMilliseconds());
    }

    [Fact]
    public void NowMilliseconds_ClockGranted_TheServicesClock()
    {
        var clock = new ManualClock(Noon);
        using var host = new GrantedHost("x", new ConnectorGrants([], [], true), new Dictionary<string, string>(), Services(new TwinHandler(), clock: clock));

        Assert.Equal((ulong)Noon.ToUnixTimeMilliseconds(), host.NowMilliseconds());
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal((ulong)Noon.ToUnixTimeMilliseconds() + 1500, host.NowMilliseconds());
    }

    [Fact]
    public void Config_Key_ValueTextOrNull()
    {
        var config = new Dictionary<string, string> { ["base_url"] = "https://api.example.com", ["page_size"] = "100", ["tags"] = "[\"a\",\"b\"]" };
        using var host = new GrantedHost("x", ConnectorGrants.None, config, Services(new TwinHandler()));

        Assert.Equal("https://api.example.com", host.Config("base_url"));
        Assert.Equal("100", host.Config("page_size"));
        Assert.Equal("[\"a\",\"b\"]", host.Config("tags"));
        Assert.Null(host.Config("missing"));
    }
}
