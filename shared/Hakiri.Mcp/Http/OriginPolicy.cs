namespace Hakiri.Mcp.Http;

/// <summary>
/// The Streamable HTTP spec's defence against DNS rebinding: a browser page may only call the server when its Origin is
/// trusted. Loopback origins are trusted by default, because the server binds loopback and such a page runs on this machine.
/// </summary>
internal static class OriginPolicy
{
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
