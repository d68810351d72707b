using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The Lambda functions do not carry Wasmtime in this version (ADR 14), so a pipeline reading a WebAssembly connector
/// cannot be deployed: <c>hakiri deploy aws</c> refuses before anything is synthesized or created.
/// </summary>
internal static class WasmPipelines
{
    /// <summary>Prints one sentence per such pipeline; true when there are none.</summary>
    public static bool CheckDeployable(ProjectManifest project, TextWriter error)
    {
        var blocked = project.Pipelines.Where(p => p.Source is WasmSourceManifest).ToArray();
        foreach (var pipeline in blocked)
        {
            error.WriteLine($"{project.ManifestPath}: error: pipeline '{pipeline.Name}' reads the WebAssembly connector '{pipeline.Source.Connector}', " +
                "and the Lambda functions do not run WebAssembly connectors in this version (docs/adr/0014-webassembly-host-interface.md) — " +
                "run it with 'hakiri run', or deploy a manifest without it");
        }

        return blocked.Length == 0;
    }
}
