namespace Hakiri.Mcp.Http;

/// <summary>
/// The Streamable HTTP spec's defence against DNS rebinding: a browser page may only call the server when its Origin is
/// trusted. Both HTTP hosts (the CLI's Kestrel endpoint and the function URL adapter) apply it. Loopback origins are
/// trusted by default, because the server binds loopback and such a page runs on this machine.
/// </summary>
public static class OriginPolicy
{
    /// <summary>Whether a request with this <c>Origin</c> header (null when absent) may call the server.</summary>
    /// <param name="origin">The request's Origin header, or null when it has none (every non-browser client).</param>
    /// <param name="options">The allowed origins and whether loopback origins are trusted.</param>
    public static bool Allows(string? origin, McpHttpOptions options)
    {
        if (origin is null)
        {
            return true;
        }

        if (options.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return options.AllowLoopbackOrigins
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.IsLoopback;
    }
}
