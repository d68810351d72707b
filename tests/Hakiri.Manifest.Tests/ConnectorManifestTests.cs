using Hakiri.Manifest.Binding;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Manifest.Tests;

public sealed class ConnectorManifestTests
{
    [Fact]
    public void LoadConnector_Template_BindsCapabilities()
    {
        var result = ManifestLoader.LoadConnector(RepoPaths.Of("templates", "connector", "connector.toml"));

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var connector = result.Value!;
        Assert.Equal(ConnectorKind.Source, connector.Kind);
        Assert.Equal(["api.example.com", "*.cdn.example.com:443"], connector.Capabilities.HttpHosts.Select(h => h.ToString()));
        Assert.Equal(["EXAMPLE_API_TOKEN"], connector.Capabilities.Environment);
        Assert.True(connector.Capabilities.Clock);
        Assert.Equal(ConnectorLimits.Default, connector.Limits);
    }

    [Theory]
    [InlineData("version = \"1.0\"", 3, 11, "use a semantic version")]
    [InlineData("kind = \"sink\"", 4, 8, "must be one of source, destination")]
    [InlineData("wasm = 3", 5, 8, "must be a string")]
    [InlineData("[capabilities]\nhttp = [\"*\"]", 8, 9, "'*' is not a host pattern")]
    [InlineData("[capabilities]\nhttp = [\"api.example.com:70000\"]", 8, 9, "is not a host pattern")]
    [InlineData("[capabilities]\nhttp = [\"a.*.example.com\"]", 8, 9, "is not a host pattern")]
    [InlineData("[capabilities]\nenv = [\"1TOKEN\"]", 8, 8, "is not valid: '1TOKEN'")]
    [InlineData("[limits]\nmemory_mb = 0", 8, 13, "must be between 1 and 2048")]
    [InlineData("[limits]\nmemory_mb = 4096", 8, 13, "must be between 1 and 2048, not 4096")]
    [InlineData("[limits]\nfuel = 100_000_000_001", 8, 8, "must be between 1 and 100000000000")]
    [InlineData("[limits]\nnext_timeout_seconds = 901", 8, 24, "must be between 1 and 900")]
    [InlineData("[limits]\ndiscover_timeout_seconds = 1000", 8, 28, "must be between 1 and 900")]
    [InlineData("[limits]\nlog_bytes_per_second = 16_777_217", 8, 24, "must be between 1 and 16777216")]
    [InlineData("[limits]\nhttp_in_flight = 101", 8, 18, "must be between 1 and 100")]
    [InlineData("[limits]\ntimeout_seconds = 30", 8, 1, "unknown key 'timeout_seconds' in [limits]")]
    [InlineData("[capabilities.limits]\nmemory_mb = 128", 7, 15, "limits moved from [capabilities.limits] to a top-level [limits] table — write [limits] with memory_mb, fuel, next_timeout_seconds")]
    [InlineData("[capabilities]\nclock = \"yes\"", 8, 9, "must be a boolean, not a string")]
    [InlineData("[capabilities]\nnetwork = true", 8, 1, "unknown key 'network'")]
    public void ParseConnector_Malformed_ReportsLocatedError(string replacement, int line, int column, string fragment)
    {
        var lines = new List<string> { "name = \"demo\"", "description = \"d\"", "version = \"0.1.0\"", "kind = \"source\"", "wasm = \"demo.wasm\"", "" };
        var key = replacement.Split(' ')[0];
        var at = lines.FindIndex(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        if (at >= 0)
        {
            lines[at] = replacement;
        }
        else
        {
            lines.Add(replacement);
        }

        var result = ManifestLoader.ParseConnector(string.Join('\n', lines), "/tmp/connector.toml", "connector.toml");

        Assert.False(result.Succeeded);
        var error = result.Diagnostics.First(d => d.IsError);
        Assert.True((line, column) == (error.Line, error.Column), error.ToString());
        Assert.Contains(fragment, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseConnector_Limits_BindWithDefaultsForTheRest()
    {
        var result = ManifestLoader.ParseConnector(
            "name = \"demo\"\nversion = \"0.1.0\"\nkind = \"source\"\nwasm = \"d.wasm\"\n[limits]\nmemory_mb = 2048\nfuel = 5_000\nhttp_in_flight = 4\n",
            "/tmp/connector.toml", "connector.toml");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(ConnectorLimits.Default with { MemoryMegabytes = 2048, Fuel = 5_000, HttpInFlight = 4 }, result.Value!.Limits);
        Assert.Equal(ConnectorCapabilities.None, result.Value.Capabilities with { HttpHosts = [], Environment = [] });
    }

    [Theory]
    [InlineData("*.example.com", "api.example.com", true)]
    [InlineData("*.example.com", "*.eu.example.com", true)]
    [InlineData("*.example.com", "*.example.com:443", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "badexample.com", false)]
    [InlineData("*.example.com:443", "api.example.com", false)]
    [InlineData("api.example.com", "api.example.com:8443", true)]
    [InlineData("api.example.com", "*.api.example.com", false)]
    [InlineData("api.example.com:443", "api.example.com:443", true)]
    public void HostPattern_Covers_OnlyNarrowerPatterns(string grant, string asked, bool expected)
    {
        Assert.Equal(expected, ConnectorBinder.ParseHost(grant)!.Covers(ConnectorBinder.ParseHost(asked)!));
    }

    [Theory]
    [InlineData("api.example.com", "api.example.com", 443, true)]
    [InlineData("api.example.com", "API.Example.com.", 80, true)]
    [InlineData("api.example.com", "x.api.example.com", 443, false)]
    [InlineData("*.example.com", "a.b.example.com", 443, true)]
    [InlineData("*.example.com", "example.com", 443, false)]
    [InlineData("*.example.com", "badexample.com", 443, false)]
    [InlineData("api.example.com:8443", "api.example.com", 443, false)]
    [InlineData("api.example.com:8443", "api.example.com", 8443, true)]
    public void HostPattern_Matches_OnlyAllowedHosts(string pattern, string host, int port, bool expected)
    {
        Assert.Equal(expected, ConnectorBinder.ParseHost(pattern)!.Matches(host, port));
    }
}
