namespace Hakiri.Mcp.Http;

/// <summary>An HTTP request as any host sees it: Kestrel, a Lambda function URL event, a test.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The request path without the query string, e.g. <c>/mcp</c>.</param>
/// <param name="Headers">Request headers; names are matched case-insensitively.</param>
/// <param name="Body">The raw body.</param>
public sealed record McpHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <summary>The HTTP response to send back.</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="Headers">Response headers (at least <c>Content-Type</c> when there is a body).</param>
/// <param name="Body">The body; empty for 202 Accepted.</param>
public sealed record McpHttpResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <summary>How the Streamable HTTP endpoint accepts requests.</summary>
public sealed record McpHttpOptions
{
    /// <summary>The paths that answer MCP; others get 404.</summary>
    public IReadOnlyList<string> Paths { get; init; } = ["/mcp"];

    /// <summary>
    /// Browser origins allowed besides loopback ones, exactly as browsers send them (<c>https://app.example.com</c>).
    /// Requests without an Origin header (every non-browser client) are not affected.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Whether pages served from localhost, 127.0.0.1 or [::1] may call the endpoint.</summary>
    public bool AllowLoopbackOrigins { get; init; } = true;

    /// <summary>The largest request body accepted.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>How long one request may take before the endpoint gives up on it.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
