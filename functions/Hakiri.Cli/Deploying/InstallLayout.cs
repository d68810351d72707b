namespace Hakiri.Cli.Deploying;

/// <summary>
/// Where an installed <c>hakiri</c> keeps the parts it does not embed, relative to its own folder: the release bundle
/// (scripts/dist.sh, docs/install.md) puts the binary in <c>bin/</c> and its parts in <c>lib/</c> beside it.
/// </summary>
internal static class InstallLayout
{
    /// <summary>The bundle's root: the parent of the folder that holds the binary.</summary>
    public static string Root(string baseDirectory) =>
        Path.GetFullPath(Path.Combine(baseDirectory, ".."));

    /// <summary>The framework-dependent CDK app: <c>lib/infra/aws/&lt;app&gt;.dll</c>.</summary>
    public static string InfraApp(string baseDirectory, string appName) =>
        Path.Combine(Root(baseDirectory), "lib", "infra", "aws", appName + ".dll");

    /// <summary>The Lambda package: <c>lib/lambda/hakiri-functions.zip</c>.</summary>
    public static string LambdaPackage(string baseDirectory) =>
        Path.Combine(Root(baseDirectory), "lib", "lambda", "hakiri-functions.zip");

    /// <summary>The Azure function package: <c>lib/azure/hakiri-functions-azure.zip</c>.</summary>
    public static string AzurePackage(string baseDirectory) =>
        Path.Combine(Root(baseDirectory), "lib", "azure", "hakiri-functions-azure.zip");

    /// <summary>Directories above the working directory and the binary that hold Hakiri.sln (a checkout).</summary>
    public static IEnumerable<string> RepositoryRoots()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hakiri.sln")))
                {
                    yield return dir.FullName;
                    break;
                }
            }
        }
    }
}
