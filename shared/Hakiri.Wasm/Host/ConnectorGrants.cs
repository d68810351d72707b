using Hakiri.Model.Manifests;

namespace Hakiri.Wasm.Host;

/// <summary>
/// What the project granted one WebAssembly connector (<c>[connectors.&lt;name&gt;] grant = [...]</c>, within what its
/// <c>connector.toml</c> declares): everything else is denied.
/// </summary>
/// <param name="Http">Hosts the connector may reach (<c>http:api.example.com</c>, <c>http:*.example.com:443</c>).</param>
/// <param name="Environment">Environment variables it may read (<c>env:NAME</c>), compared case-sensitively.</param>
/// <param name="Clock">Whether it may read the wall clock (<c>clock</c>).</param>
public sealed record ConnectorGrants(IReadOnlyList<HostPattern> Http, IReadOnlyList<string> Environment, bool Clock)
{
    /// <summary>Nothing granted: no network, no environment, no clock.</summary>
    public static ConnectorGrants None { get; } = new([], [], false);

    /// <summary>Whether some granted pattern admits <paramref name="host"/> on <paramref name="port"/>.</summary>
    public bool AllowsHost(string host, int port) => Http.Any(pattern => pattern.Matches(host, port));

    /// <summary>Whether the environment variable <paramref name="name"/> is granted.</summary>
    public bool AllowsEnvironment(string name) => Environment.Contains(name, StringComparer.Ordinal);
}

/// <summary>The hard limits <see cref="GrantedHost"/> applies to one connector run.</summary>
public sealed record GrantedHostLimits
{
    /// <summary>The defaults: 1 MiB/s of log, 8 KiB lines, 100 requests in flight, 64 MiB bodies, 60 s per request, 10 redirects.</summary>
    public static GrantedHostLimits Default { get; } = new();

    /// <summary>Log bytes (UTF-8) written per second on average; a one-second burst is allowed, the excess dropped and counted.</summary>
    public long LogBytesPerSecond { get; init; } = 1 << 20;

    /// <summary>The longest log line in UTF-8 bytes; longer lines are cut and marked.</summary>
    public int MaxLogLineBytes { get; init; } = 8 << 10;

    /// <summary>HTTP fetches in flight at once; further fetches wait for one to finish.</summary>
    public int HttpRequestsInFlight { get; init; } = 100;

    /// <summary>The largest response body (decoded) handed to the guest; a larger one fails the fetch as permanent.</summary>
    public long MaxResponseBodyBytes { get; init; } = 64L << 20;

    /// <summary>Real time one request (each redirect hop) may take, headers and body; longer fails as transient.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects followed per fetch; one more fails the fetch as permanent.</summary>
    public int MaxRedirects { get; init; } = 10;
}
