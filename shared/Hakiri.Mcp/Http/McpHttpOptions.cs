namespace Hakiri.Mcp.Http;

/// <summary>
/// How an MCP HTTP endpoint accepts requests. The CLI's endpoint uses the origins and the body limit; the function URL
/// adapter (<see cref="FunctionUrl.McpHttpHandler"/>) all of it.
/// </summary>
public sealed record McpHttpOptions
{
    /// <summary>The paths that answer MCP behind a function URL; others get 404.</summary>
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

    /// <summary>How long one request may take before the function URL adapter gives up on it.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
