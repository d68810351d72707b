namespace Hakiri.Toml.Tests.Corpus;

/// <summary>Finds the toml-test corpus beside the repository and lists its TOML 1.0 cases.</summary>
internal static class TomlTestCorpus
{
    private static readonly Lazy<string> Repository = new(FindRepositoryRoot);
    private static readonly Lazy<string> Root = new(Locate);
    private static readonly Lazy<string[]> Listed = new(() => File.ReadAllLines(Path.Combine(Root.Value, "tests", "files-toml-1.0.0")));

    /// <summary>The corpus's <c>tests</c> folder.</summary>
    public static string TestsDirectory => Path.Combine(Root.Value, "tests");

    /// <summary>The repository root: the folder that holds Hakiri.sln.</summary>
    public static string RepositoryRoot => Repository.Value;

    /// <summary>Valid case names such as <c>valid/array/array</c> (a .toml and a .json beside it).</summary>
    public static TheoryData<string> ValidCases() => Cases("valid/");

    /// <summary>Invalid case names such as <c>invalid/array/no-close-01</c>.</summary>
    public static TheoryData<string> InvalidCases() => Cases("invalid/");

    public static IEnumerable<string> ListedFiles => Listed.Value.Where(l => l.Length > 0);

    public static byte[] ReadToml(string name) => File.ReadAllBytes(Path.Combine(TestsDirectory, name + ".toml"));

    public static string ReadJson(string name) => File.ReadAllText(Path.Combine(TestsDirectory, name + ".json"));

    private static TheoryData<string> Cases(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var line in ListedFiles.Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.EndsWith(".toml", StringComparison.Ordinal)))
        {
            data.Add(line[..^".toml".Length]);
        }

        return data;
    }

    private static string Locate()
    {
        var corpus = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "toml-test"));
        return File.Exists(Path.Combine(corpus, "tests", "files-toml-1.0.0"))
            ? corpus
            : throw new InvalidOperationException($"The toml-test corpus was not found at {corpus}; it must sit in shared/toml-test beside the repository.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hakiri.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Hakiri.sln, so the toml-test corpus cannot be located.");
    }
}
