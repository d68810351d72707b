namespace Hakiri.Testing;

/// <summary>Paths inside the repository and the <c>shared/</c> folder beside it, found from the test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the directory holding Hakiri.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A path under the <c>shared/</c> folder that sits beside the checkout.</summary>
    public static string Shared(params string[] parts) => Path.GetFullPath(Path.Combine([Root, "..", "shared", .. parts]));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hakiri.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Hakiri.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
