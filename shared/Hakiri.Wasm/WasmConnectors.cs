using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Wasm.Host;

namespace Hakiri.Wasm;

/// <summary>
/// The factory hosts that carry Wasmtime put in <see cref="ConnectorServices.Wasm"/>: a pipeline's WebAssembly source
/// becomes a <see cref="WasmSourceConnector"/> under its <c>connector.toml</c> limits, reaching the outside through a
/// <see cref="GrantedHost"/> held to what the connector asked for (which the manifest loader checked the project grants).
/// </summary>
public static class WasmConnectors
{
    /// <summary>The environment variable that moves the compiled-module cache.</summary>
    public const string CacheVariable = "HAKIRI_WASM_CACHE";

    // The shared redirect-following handler of the built-in connectors must not carry a guest's requests: the guest's
    // host follows each hop itself, checking it against the grants.
    private static readonly Lazy<HttpMessageHandler> NoRedirectNetwork = new(() => ConnectorServices.CreateNetworkHandler(followRedirects: false));

    /// <summary>Creates the connector of <paramref name="source"/> over <paramref name="services"/>.</summary>
    /// <exception cref="ConnectorException">The module is missing or cannot run (<see cref="ConnectorErrorKind.Permanent"/>).</exception>
    public static ISourceConnector Create(WasmSourceManifest source, ConnectorServices services)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(services);
        var manifest = source.Reference.Manifest;
        byte[] wasm;
        try
        {
            wasm = File.ReadAllBytes(manifest.WasmPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"connector '{source.Reference.Name}' has no module at {manifest.WasmPath}: build it with 'hakiri connector build {manifest.Directory}'.", inner: e);
        }

        var asked = manifest.Capabilities;
        var http = services.Http is SocketsHttpHandler { AllowAutoRedirect: true } ? NoRedirectNetwork.Value : services.Http;
        var host = new GrantedHost(
            source.Reference.Name,
            new ConnectorGrants(asked.HttpHosts, asked.Environment, asked.Clock),
            source.Config,
            services with { Http = http },
            GrantedHostLimits.Default with
            {
                LogBytesPerSecond = manifest.Limits.LogBytesPerSecond,
                HttpRequestsInFlight = manifest.Limits.HttpInFlight,
            });
        var limits = WasmLimits.Default with
        {
            MemoryBytes = manifest.Limits.MemoryMegabytes * 1024L * 1024,
            Fuel = (ulong)manifest.Limits.Fuel,
            NextTimeout = TimeSpan.FromSeconds(manifest.Limits.NextTimeoutSeconds),
            DiscoverTimeout = TimeSpan.FromSeconds(manifest.Limits.DiscoverTimeoutSeconds),
        };
        try
        {
            return new WasmSourceConnector(manifest.Name, manifest.Version, wasm, limits, host, CacheDirectory(), ownsHost: true);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Where compiled modules are kept: <c>$HAKIRI_WASM_CACHE</c>, else <c>$XDG_CACHE_HOME/hakiri/wasm</c>, else
    /// <c>~/.cache/hakiri/wasm</c>, else under the temporary folder.
    /// </summary>
    public static string CacheDirectory()
    {
        if (Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "hakiri", "wasm");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 ? Path.Combine(home, ".cache", "hakiri", "wasm") : Path.Combine(Path.GetTempPath(), "hakiri-wasm-cache");
    }
}
