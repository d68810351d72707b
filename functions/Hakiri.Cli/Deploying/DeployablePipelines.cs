using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// What a deployed host cannot run, refused before anything is synthesized or created: on AWS, a WebAssembly
/// connector the Lambda package cannot carry (outside the manifest's folder, or not built); on Azure, WebAssembly
/// connectors (the function app does not carry Wasmtime, ADR 14) and <c>s3</c> sources (it has no S3 client).
/// </summary>
internal static class DeployablePipelines
{
    /// <summary>Prints one sentence per connector the Lambda package cannot carry; true when there is none.</summary>
    public static bool CheckDeployable(ProjectManifest project, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(error);
        var problems = new List<string>();
        _ = LambdaPackage.ConnectorFiles(project, problems);
        problems.ForEach(error.WriteLine);
        return problems.Count == 0;
    }

    /// <summary>Prints one sentence per pipeline the Azure function app cannot run; true when there are none.</summary>
    public static bool CheckDeployableToAzure(ProjectManifest project, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(error);
        var blocked = project.Pipelines.Where(p => p.Source is WasmSourceManifest or S3SourceManifest).ToArray();
        foreach (var pipeline in blocked)
        {
            var what = pipeline.Source is WasmSourceManifest
                ? $"the WebAssembly connector '{pipeline.Source.Connector}', and the Azure function app does not run WebAssembly connectors in this version (docs/adr/0014-webassembly-host-interface.md)"
                : "an s3 source, and the Azure function app does not read s3 sources in this version";
            error.WriteLine($"{project.ManifestPath}: error: pipeline '{pipeline.Name}' reads {what} — run it with 'hakiri run', or deploy a manifest without it");
        }

        return blocked.Length == 0;
    }
}
