using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The function app's zip a deploy publishes: the packaged app (scripts/package-azure.sh) with the project's manifest
/// added as <c>hakiri.toml</c> (the app setting HAKIRI_MANIFEST points at it), written deterministically like the
/// Lambda package so an unchanged project gives the same hash and no needless publish.
/// </summary>
internal static class AzurePackage
{
    public const string FileName = "hakiri-functions-azure.zip";

    /// <summary>HAKIRI_AZURE_PACKAGE, else the release bundle's lib/azure, else a checkout's artifacts/azure; null when none exists.</summary>
    public static string? Find(out string looked)
    {
        var overridden = Environment.GetEnvironmentVariable("HAKIRI_AZURE_PACKAGE");
        if (!string.IsNullOrEmpty(overridden))
        {
            looked = overridden;
            return File.Exists(overridden) ? overridden : null;
        }

        var candidates = new[] { InstallLayout.AzurePackage(AppContext.BaseDirectory) }
            .Concat(InstallLayout.RepositoryRoots().Select(r => Path.Combine(r, "artifacts", "azure", FileName)))
            .ToList();
        looked = string.Join(", ", candidates.Distinct(StringComparer.Ordinal));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Writes <paramref name="target"/>: the package with <paramref name="project"/>'s manifest as hakiri.toml and its
    /// WebAssembly connectors' files beside it, as the Lambda package has them (<see cref="LambdaPackage.ConnectorFiles"/>).
    /// </summary>
    public static void WithManifest(string package, ProjectManifest project, string target) =>
        LambdaPackage.WithManifest(package, project, target);
}
