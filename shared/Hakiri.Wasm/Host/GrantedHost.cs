using Hakiri.Connectors.Contract;

namespace Hakiri.Wasm.Host;

/// <summary>
/// The host a WebAssembly connector's imports reach in a real run: each call is held to what the project granted the
/// connector. HTTP goes only to granted hosts (every redirect hop checked before it is sent), environment variables and
/// the clock read as none unless granted, configuration comes from the pipeline's rendered source table, and the log
/// is cleaned up and capped in volume. Dispose it at the end of the run: it reports dropped log lines once.
/// </summary>
public sealed class GrantedHost : IConnectorHost, IDisposable
{
    private readonly ConnectorGrants _grants;
    private readonly IReadOnlyDictionary<string, string> _config;
    private readonly ConnectorServices _services;
    private readonly GrantedHttp _http;
    private readonly GuestLog _log;
    private bool _disposed;

    /// <summary>Creates the host of one connector run.</summary>
    /// <param name="connector">The connector's name, as the project's <c>[connectors.&lt;name&gt;]</c> says it.</param>
    /// <param name="grants">What the connector was granted.</param>
    /// <param name="config">The pipeline's source table, rendered: key to value text.</param>
    /// <param name="services">
    /// The network, environment, clock and log. <see cref="ConnectorServices.Http"/> must not follow redirects (this host
    /// follows and checks them): use <see cref="ConnectorServices.CreateNetworkHandler"/> with <c>followRedirects: false</c>,
    /// under a <c>CassetteRecorder</c> when recording; the handler is not disposed.
    /// </param>
    /// <param name="limits">The hard limits; <see cref="GrantedHostLimits.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run: a fetch in progress or waiting for a slot stops with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The handler follows redirects by itself.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public GrantedHost(
        string connector,
        ConnectorGrants grants,
        IReadOnlyDictionary<string, string> config,
        ConnectorServices services,
        GrantedHostLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        limits ??= GrantedHostLimits.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.LogBytesPerSecond, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxLogLineBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.HttpRequestsInFlight, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxResponseBodyBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.HttpTimeout, TimeSpan.Zero, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegative(limits.MaxRedirects, nameof(limits));
        Connector = connector;
        Limits = limits;
        _grants = grants;
        _config = config;
        _services = services;
        _http = new GrantedHttp(connector, grants, services.Http, limits, cancellationToken);
        _log = new GuestLog(connector, services.Log, services.Clock, limits.LogBytesPerSecond, limits.MaxLogLineBytes);
    }

    /// <summary>The connector's name, as messages say it.</summary>
    public string Connector { get; }

    /// <summary>The limits in force.</summary>
    public GrantedHostLimits Limits { get; }

    /// <summary>Log lines dropped so far over <see cref="GrantedHostLimits.LogBytesPerSecond"/>.</summary>
    public long DroppedLogLines => _log.DroppedLines;

    /// <summary>The UTF-8 bytes of the dropped log lines (each counted up to <see cref="GrantedHostLimits.MaxLogLineBytes"/>).</summary>
    public long DroppedLogBytes => _log.DroppedBytes;

    /// <summary>HTTP requests sent so far, each redirect hop counted; refused requests are not.</summary>
    public long HttpRequestsSent => _http.RequestsSent;

    /// <summary>Fetches waiting for a slot because <see cref="GrantedHostLimits.HttpRequestsInFlight"/> are in flight.</summary>
    internal long HttpFetchesWaiting => _http.Waiting;

    /// <inheritdoc />
    public void Log(GuestLogLevel level, string message) => _log.Write(level, message);

    /// <inheritdoc />
    public ulong? NowMilliseconds() =>
        _grants.Clock ? (ulong)Math.Max(0, _services.Clock.GetUtcNow().ToUnixTimeMilliseconds()) : null;

    /// <inheritdoc />
    public string? Config(string key) => _config.TryGetValue(key, out var value) ? value : null;

    /// <inheritdoc />
    public string? Environment(string name) => _grants.AllowsEnvironment(name) ? _services.Environment(name) : null;

    /// <inheritdoc />
    public GuestHttpResponse HttpFetch(GuestHttpRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _http.Fetch(request);
    }

    /// <summary>
    /// Logs, once, how many lines were dropped over the volume cap (<c>connector 'x': 12 log lines (40960 bytes) dropped
    /// over the 1 MiB/s limit</c>); nothing when none were. Lines dropped after the report are still counted but not
    /// reported again. <see cref="Dispose"/> calls it.
    /// </summary>
    public void ReportDroppedLogs() => _log.ReportDropped();

    /// <summary>Reports dropped log lines and releases the HTTP client (not the services' handler).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _log.ReportDropped();
        _http.Dispose();
    }
}
