using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class HostGrantTests
{
    [Theory]
    [InlineData("api.example.com", null, "api.example.com", 443, true)]
    [InlineData("api.example.com", null, "API.Example.COM", 8080, true)]
    [InlineData("api.example.com", null, "api.example.com.", 443, true)]
    [InlineData("api.example.com", null, "example.com", 443, false)]
    [InlineData("api.example.com", null, "api.example.com.evil.org", 443, false)]
    [InlineData("api.example.com", 443, "api.example.com", 443, true)]
    [InlineData("api.example.com", 443, "api.example.com", 80, false)]
    [InlineData("*.example.com", null, "api.example.com", 443, true)]
    [InlineData("*.example.com", null, "a.b.example.com", 443, true)]
    [InlineData("*.example.com", null, "example.com", 443, false)]
    [InlineData("*.example.com", null, "evilexample.com", 443, false)]
    [InlineData("*.example.com", null, "example.com.evil.org", 443, false)]
    [InlineData("*.example.com", 8443, "api.example.com", 8443, true)]
    [InlineData("*.example.com", 8443, "api.example.com", 443, false)]
    public void Matches_HostAndPort_AsTheGrantSays(string pattern, int? port, string host, int hostPort, bool expected)
    {
        Assert.Equal(expected, new HostPattern(pattern, port).Matches(host, hostPort));
        Assert.Equal(expected, Http(Pattern(pattern, port)).AllowsHost(host, hostPort));
    }

    [Fact]
    public void AllowsHost_NothingGranted_False() => Assert.False(ConnectorGrants.None.AllowsHost("api.example.com", 443));

    [Theory]
    [InlineData("https://api.example.com/v1", "api.example.com:443")]
    [InlineData("http://api.example.com/v1", "api.example.com:80")]
    [InlineData("https://api.example.com:8443/v1", "api.example.com:8443")]
    public void HttpFetch_UrlWithoutPort_CheckedOnTheSchemesDefault(string url, string granted)
    {
        var colon = granted.LastIndexOf(':');
        var twin = new TwinHandler();
        using var host = new GrantedHost("x", Http(Pattern(granted[..colon], int.Parse(granted[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture))), new Dictionary<string, string>(), Services(twin));

        Assert.Equal(200, host.HttpFetch(Get(url)).Status);
        Assert.Equal([new Uri(url)], twin.Urls);
    }

    [Theory]
    [InlineData("https://api.example.com/v1", "api.example.com:443", "http:api.example.com")]
    [InlineData("http://api.example.com/v1", "api.example.com:80", "http:api.example.com")]
    [InlineData("https://api.example.com:8080/v1", "api.example.com:8080", "http:api.example.com:8080")]
    public void HttpFetch_PortOtherThanGranted_RefusedNamingHostPortAndGrant(string url, string where, string grant)
    {
        var twin = new TwinHandler();
        using var host = new GrantedHost("x", Http(Pattern("api.example.com", 9999)), new Dictionary<string, string>(), Services(twin));

        var error = Assert.Throws<ConnectorException>(() => host.HttpFetch(Get(url)));

        Assert.Contains($"may not reach {where}:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"add \"{grant}\" to the grant of [connectors.x]", error.Message, StringComparison.Ordinal);
        Assert.Empty(twin.Urls);
    }

    [Theory]
    [InlineData("https://api.example.com/v1", true)]
    [InlineData("https://a.cdn.example.com/v1", true)]
    [InlineData("https://example.com/v1", false)]
    [InlineData("https://example.org/v1", false)]
    [InlineData("https://xn--bcher-kva.example.com/v1", true)]
    [InlineData("https://bücher.example.com/v1", true)]
    public void HttpFetch_WildcardGrant_AdmitsSubdomainsOnly(string url, bool admitted)
    {
        var twin = new TwinHandler();
        using var host = new GrantedHost("x", Http(Pattern("*.example.com")), new Dictionary<string, string>(), Services(twin));

        if (admitted)
        {
            Assert.Equal(200, host.HttpFetch(Get(url)).Status);
            Assert.Single(twin.Urls);
        }
        else
        {
            Assert.Equal(ConnectorErrorKind.Permanent, Assert.Throws<ConnectorException>(() => host.HttpFetch(Get(url))).Kind);
            Assert.Empty(twin.Urls);
        }
    }

    [Fact]
    public void HttpFetch_NothingGranted_RefusesEveryHost()
    {
        var twin = new TwinHandler();
        using var host = new GrantedHost("x", ConnectorGrants.None, new Dictionary<string, string>(), Services(twin));

        Assert.Throws<ConnectorException>(() => host.HttpFetch(Get("https://api.example.com/")));
        Assert.Empty(twin.Urls);
    }
}
