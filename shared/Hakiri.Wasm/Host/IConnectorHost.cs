namespace Hakiri.Wasm.Host;

/// <summary>
/// What a guest's <c>hakiri:connector/host</c> imports reach: the C# side of the WIT <c>host</c> interface. Every
/// method enforces the connector's grants; the runtime only moves values across the canonical ABI. Calls arrive on the
/// guest's thread, one at a time.
/// </summary>
public interface IConnectorHost
{
    /// <summary>WIT <c>log</c>: writes a line to the run's log (rate-limited; the excess is dropped and counted).</summary>
    void Log(GuestLogLevel level, string message);

    /// <summary>WIT <c>now-ms</c>: milliseconds since the Unix epoch, or <see langword="null"/> unless the clock is granted.</summary>
    ulong? NowMilliseconds();

    /// <summary>WIT <c>config</c>: a key of the pipeline's source table (strings as-is, other scalars as TOML text, arrays and tables as JSON).</summary>
    string? Config(string key);

    /// <summary>WIT <c>env</c>: a granted environment variable, or <see langword="null"/>.</summary>
    string? Environment(string name);

    /// <summary>WIT <c>http-fetch</c>: sends a request to a granted host, following redirects only to granted hosts.</summary>
    /// <exception cref="Hakiri.Connectors.Contract.ConnectorException">The request was refused or failed (the WIT <c>connector-error</c>).</exception>
    GuestHttpResponse HttpFetch(GuestHttpRequest request);
}

/// <summary>WIT <c>log-level</c>, in the enum's order.</summary>
public enum GuestLogLevel
{
    /// <summary>debug.</summary>
    Debug,

    /// <summary>info.</summary>
    Info,

    /// <summary>warn.</summary>
    Warn,

    /// <summary>error.</summary>
    Error,
}

/// <summary>WIT <c>http-request</c>.</summary>
/// <param name="Method">The HTTP method, e.g. GET.</param>
/// <param name="Url">The absolute URL.</param>
/// <param name="Headers">Request headers, in order.</param>
/// <param name="Body">The body, if any.</param>
public sealed record GuestHttpRequest(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body);

/// <summary>WIT <c>http-response</c>.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">Response headers (content headers included), in order.</param>
/// <param name="Body">The body.</param>
public sealed record GuestHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
