using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// What a deployed host cannot run in this version, refused before anything is synthesized or created: neither the
/// Lambda functions nor the Azure function app carry Wasmtime (ADR 14), and the Azure function app has no S3 client
/// for <c>s3</c> sources.
/// </summary>
internal static class DeployablePipelines
{
    /// <summary>Prints one sentence per pipeline the Lambda functions cannot run; true when there are none.</summary>
    public static bool CheckDeployable(ProjectManifest project, TextWriter error) =>
        Check(project, error, "the Lambda functions do", p => p.Source is WasmSourceManifest);

    /// <summary>Prints one sentence per pipeline the Azure function app cannot run; true when there are none.</summary>
    public static bool CheckDeployableToAzure(ProjectManifest project, TextWriter error) =>
        Check(project, error, "the Azure function app does", p => p.Source is WasmSourceManifest or S3SourceManifest);

    // host: the subject and its auxiliary verb ("the Lambda functions do"), for sentences that read right in both.
    private static bool Check(ProjectManifest project, TextWriter error, string host, Func<PipelineManifest, bool> unsupported)
    {
        var blocked = project.Pipelines.Where(unsupported).ToArray();
        foreach (var pipeline in blocked)
        {
            var what = pipeline.Source is WasmSourceManifest
                ? $"the WebAssembly connector '{pipeline.Source.Connector}', and {host} not run WebAssembly connectors in this version (docs/adr/0014-webassembly-host-interface.md)"
                : $"an s3 source, and {host} not read s3 sources in this version";
            error.WriteLine($"{project.ManifestPath}: error: pipeline '{pipeline.Name}' reads {what} — run it with 'hakiri run', or deploy a manifest without it");
        }

        return blocked.Length == 0;
    }
}
