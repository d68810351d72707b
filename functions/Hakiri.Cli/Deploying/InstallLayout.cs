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
}
