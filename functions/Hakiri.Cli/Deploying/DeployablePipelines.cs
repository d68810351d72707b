using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// What a deployed host cannot run, refused before anything is synthesized or created: a WebAssembly connector the
/// package cannot carry (outside the manifest's folder, or not built), and on Azure <c>s3</c> sources (the function app
/// has no S3 client).
/// </summary>
internal static class DeployablePipelines
{
    /// <summary>Prints one sentence per connector the package cannot carry; true when there is none.</summary>
    public static bool CheckDeployable(ProjectManifest project, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(error);
        var problems = new List<string>();
        _ = LambdaPackage.ConnectorFiles(project, problems);
        problems.ForEach(error.WriteLine);
        return problems.Count == 0;
    }

    /// <summary>
    /// Prints one sentence per pipeline the Azure function app cannot run (an <c>s3</c> source) and per connector its
    /// package cannot carry; true when there is none.
    /// </summary>
    public static bool CheckDeployableToAzure(ProjectManifest project, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(error);
        var blocked = project.Pipelines.Where(p => p.Source is S3SourceManifest).ToArray();
        foreach (var pipeline in blocked)
        {
            error.WriteLine($"{project.ManifestPath}: error: pipeline '{pipeline.Name}' reads an s3 source, and the Azure function app does not read s3 sources in this version — run it with 'hakiri run', or deploy a manifest without it");
        }

        return CheckDeployable(project, error) && blocked.Length == 0;
    }
}
