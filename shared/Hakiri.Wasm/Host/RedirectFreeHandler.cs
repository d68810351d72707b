namespace Hakiri.Wasm.Host;

/// <summary>
/// Refuses a handler chain that would follow redirects by itself: a redirect it followed would reach a host nobody
/// checked against the grants. The framework's handlers follow redirects unless told not to
/// (<see cref="SocketsHttpHandler.AllowAutoRedirect"/>); cassette players and test twins do not.
/// </summary>
internal static class RedirectFreeHandler
{
    /// <exception cref="ArgumentException">A handler in the chain follows redirects.</exception>
    public static void Ensure(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            if (current is SocketsHttpHandler { AllowAutoRedirect: true } or HttpClientHandler { AllowAutoRedirect: true })
            {
                throw new ArgumentException(
                    $"The HTTP handler of a WebAssembly connector's services follows redirects by itself ({current.GetType().Name}.AllowAutoRedirect is true), so a redirect could reach a host the connector was not granted; "
                    + "build it with ConnectorServices.CreateNetworkHandler(followRedirects: false) (under a CassetteRecorder when recording).",
                    nameof(handler));
            }
        }
    }
}
