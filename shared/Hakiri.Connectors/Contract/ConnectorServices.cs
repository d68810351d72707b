using Hakiri.Connectors.Objects;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Contract;

/// <summary>
/// The side effects a connector may use, each a seam with a twin in tests: the network (an
/// <see cref="HttpMessageHandler"/>; cassettes record and replay through it), the environment (secrets are read only
/// from it), the clock (backoff and rate-limit pauses wait on it) and, for object-store sources, the bucket.
/// </summary>
/// <param name="Http">Sends requests; the connector owns the <see cref="HttpClient"/> built over it but not the handler.</param>
/// <param name="Environment">Reads an environment variable; <see langword="null"/> when unset.</param>
/// <param name="Clock">Time and delays.</param>
/// <param name="Log">Receives one line per notable event (a retry, a rate-limit pause); never secrets.</param>
/// <param name="Objects">
/// Opens the bucket of an <c>s3</c> source (the caller disposes it). Hosts that carry a cloud SDK provide it (the CLI,
/// the Lambda bootstrap); <see langword="null"/> where none does, and an <c>s3</c> pipeline then fails with a sentence.
/// </param>
/// <param name="Wasm">
/// Creates the sandboxed connector of a WebAssembly source over these services (its network, environment, clock and
/// log pass through the connector's grants). Hosts that carry Wasmtime provide it (the CLI and its emulator, the Lambda
/// bootstrap, the Azure function app: ADR 0032); <see langword="null"/> where none does, and such a pipeline fails with a sentence.
/// </param>
public sealed record ConnectorServices(
    HttpMessageHandler Http,
    Func<string, string?> Environment,
    TimeProvider Clock,
    Action<string>? Log = null,
    Func<S3SourceManifest, IObjectSource>? Objects = null,
    Func<WasmSourceManifest, ConnectorServices, ISourceConnector>? Wasm = null)
{
    /// <summary>The real network, the process environment and the system clock.</summary>
    public static ConnectorServices CreateDefault(
        Action<string>? log = null,
        Func<S3SourceManifest, IObjectSource>? objects = null,
        Func<WasmSourceManifest, ConnectorServices, ISourceConnector>? wasm = null) =>
        new(CreateNetworkHandler(followRedirects: true), System.Environment.GetEnvironmentVariable, TimeProvider.System, log, objects, wasm);

    /// <summary>The handler that reaches the real network.</summary>
    /// <param name="followRedirects">
    /// Whether the handler follows redirects itself. The built-in connectors rely on it (a renamed GitHub repository
    /// answers 301); a WebAssembly connector's host passes <see langword="false"/> and follows each hop itself, so that
    /// no hop reaches a host the connector was not granted.
    /// </param>
    public static SocketsHttpHandler CreateNetworkHandler(bool followRedirects) =>
        new()
        {
            AllowAutoRedirect = followRedirects,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
}
