using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Wasm.Host;

namespace Hakiri.Wasm.Tests.Host;

/// <summary>Builds grants and hosts for tests.</summary>
internal static class Grants
{
    public static ConnectorGrants Http(params HostPattern[] hosts) => new(hosts, [], false);

    public static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    public static HostPattern Pattern(string host, int? port = null) => new(host, port);

    public static ConnectorServices Services(HttpMessageHandler http, Action<string>? log = null, TimeProvider? clock = null, Func<string, string?>? environment = null) =>
        new(http, environment ?? (_ => null), clock ?? TimeProvider.System, log);

    public static GuestHttpRequest Get(string url, params KeyValuePair<string, string>[] headers) => new("GET", url, headers, null);

    public static string Text(GuestHttpResponse response) => System.Text.Encoding.UTF8.GetString(response.Body);

    public static string? Header(GuestHttpResponse response, string name) =>
        response.Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
