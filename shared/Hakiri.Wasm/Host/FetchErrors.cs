using System.Globalization;
using Hakiri.Connectors.Contract;

namespace Hakiri.Wasm.Host;

/// <summary>
/// The sentences a refused or failed <c>http-fetch</c> says: the connector, the request (scheme, host and path only:
/// queries and user info may hold secrets) and what to do.
/// </summary>
internal static class FetchErrors
{
    /// <summary><c>https://api.example.com/v1/items</c>: no user info, query or fragment.</summary>
    public static string Show(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    public static ConnectorException NotHttp(string connector, string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        var shown = cut < 0 ? url : url[..cut];
        if (shown.Length > 200)
        {
            shown = shown[..200] + "…";
        }

        return Permanent($"connector '{connector}' asked to fetch '{shown}', which is not an absolute http or https URL; fix the URL the connector builds.");
    }

    public static ConnectorException NotGranted(string connector, Uri target, Uri? redirectedFrom)
    {
        var host = target.IdnHost;
        var where = $"{host}:{target.Port.ToString(CultureInfo.InvariantCulture)}";
        var grant = target.IsDefaultPort ? $"http:{host}" : $"http:{where}";
        var what = redirectedFrom is null
            ? $"may not reach {where}"
            : $"may not follow the redirect from {Show(redirectedFrom)} to {where}";
        return Permanent(
            $"connector '{connector}' {what}: it is not granted; add \"{grant}\" to the grant of [connectors.{connector}] (and declare it in the connector's connector.toml) if it should be.");
    }

    public static ConnectorException Downgrade(string connector, Uri from, Uri to) =>
        Permanent($"connector '{connector}': {Show(from)} redirected to {Show(to)}, which is not https; the host does not follow a redirect from https to plain http.");

    public static ConnectorException RedirectNotHttp(string connector, Uri from, Uri to) =>
        Permanent($"connector '{connector}': {Show(from)} redirected to a {to.Scheme} URL; only http and https redirects are followed.");

    public static ConnectorException TooManyRedirects(string connector, string method, Uri first, int max) =>
        Permanent($"connector '{connector}': {method} {Show(first)} redirected more than {max.ToString(CultureInfo.InvariantCulture)} times (a redirect loop?); check the URL the connector fetches.");

    public static ConnectorException BadMethod(string connector, string method) =>
        Permanent($"connector '{connector}' asked for HTTP method '{method}', which is not a valid method token; fix the request the connector builds.");

    public static ConnectorException BadHeader(string connector, string name, Uri url) =>
        Permanent($"connector '{connector}' sent header '{name}' to {Show(url)}, which is not a valid header name or value (control characters?); fix the request the connector builds.");

    public static ConnectorException HostHeader(string connector, Uri url) =>
        Permanent($"connector '{connector}' set the Host header of a request to {Show(url)}; the host comes from the URL alone, so leave the header out.");

    public static ConnectorException TooLarge(string connector, string method, Uri url, long max) =>
        Permanent($"connector '{connector}': {method} {Show(url)} returned a body over the {Size(max)} limit; fetch it in smaller pieces (pagination, ranges).");

    public static ConnectorException Failed(string connector, string method, Uri url, Exception e) =>
        new(ConnectorErrorKind.Transient, $"connector '{connector}': {method} {Show(url)} failed ({e.Message}); retry later.", inner: e);

    public static ConnectorException TimedOut(string connector, string method, Uri url, TimeSpan timeout, Exception e) =>
        new(ConnectorErrorKind.Transient,
            $"connector '{connector}': {method} {Show(url)} timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; the service is slow or unreachable, so retry later.",
            inner: e);

    public static InvalidOperationException HandlerRedirected(Uri sent, Uri? reached) =>
        new($"The HTTP handler followed a redirect from {Show(sent)} to {(reached is null ? "another URL" : Show(reached))} by itself, so that hop was not checked against the connector's grants; give GrantedHost a handler that does not follow redirects (ConnectorServices.CreateNetworkHandler(followRedirects: false)).");

    private static ConnectorException Permanent(string message) => new(ConnectorErrorKind.Permanent, message);

    private static string Size(long bytes) => bytes % (1 << 20) == 0
        ? $"{(bytes >> 20).ToString(CultureInfo.InvariantCulture)} MiB"
        : $"{bytes.ToString(CultureInfo.InvariantCulture)}-byte";
}
