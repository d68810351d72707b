using Hakiri.Model.Manifests;

namespace Hakiri.Emit.Aws;

/// <summary>
/// The Lambda layer that carries <c>lib/libwasmtime.so</c> for the functions that run WebAssembly connectors (ADR 0032).
/// <c>scripts/package-aws.sh</c> writes it beside the function zip; a stack attaches it, to <c>discover</c> and
/// <c>pull-batch</c> only, when a pipeline reads a WebAssembly connector.
/// </summary>
public static class WasmtimeLayer
{
    /// <summary>The layer zip's file name.</summary>
    public const string FileName = "hakiri-wasmtime-layer.zip";

    /// <summary>
    /// Where the functions keep compiled modules: <c>/tmp</c> is the only writable folder of a Lambda execution
    /// environment, and it lives as long as the environment, so only a cold start compiles.
    /// </summary>
    public const string CacheDirectory = "/tmp/hakiri/wasm";

    /// <summary>The layer zip beside <paramref name="functionZip"/>.</summary>
    public static string Beside(string functionZip) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(functionZip))!, FileName);

    /// <summary>Whether a pipeline of <paramref name="manifest"/> reads a WebAssembly connector.</summary>
    public static bool IsNeededBy(ProjectManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Pipelines.Any(p => p.Source is WasmSourceManifest);
    }
}
