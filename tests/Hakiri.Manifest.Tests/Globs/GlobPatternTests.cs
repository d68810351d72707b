using Hakiri.Manifest.Globs;
using Hakiri.Testing;

namespace Hakiri.Manifest.Tests.Globs;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("data/*.csv", "data/a.csv", true)]
    [InlineData("data/*.csv", "data/sub/a.csv", false)]
    [InlineData("data/**/*.csv", "data/a.csv", true)]
    [InlineData("data/**/*.csv", "data/x/y/a.csv", true)]
    [InlineData("data/**", "data/x/y/a.csv", true)]
    [InlineData("data/?.csv", "data/ab.csv", false)]
    [InlineData("data/[ab].csv", "data/b.csv", true)]
    [InlineData("data/[!ab].csv", "data/b.csv", false)]
    [InlineData("data/[a-c]1.csv", "data/c1.csv", true)]
    [InlineData("data/*.{csv,tsv}", "data/x.tsv", true)]
    [InlineData("data/*.{csv,tsv}", "data/x.json", false)]
    [InlineData("data/a\\*b.csv", "data/a*b.csv", true)]
    [InlineData("data/a\\*b.csv", "data/axb.csv", false)]
    [InlineData("data/a+b(1).csv", "data/a+b(1).csv", true)]
    public void IsMatch_Paths_FollowGlobRules(string glob, string path, bool expected)
    {
        var pattern = GlobPattern.TryParse(glob, out var error);

        Assert.Null(error);
        Assert.Equal(expected, pattern!.IsMatch(path));
    }

    [Theory]
    [InlineData("data/2026/*.csv", "data/2026")]
    [InlineData("data/**/x.csv", "data")]
    [InlineData("*.csv", "")]
    [InlineData("a/b.csv", "a")]
    public void BaseDirectory_LiteralPrefix_IsWhereEnumerationStarts(string glob, string expected)
    {
        Assert.Equal(expected, GlobPattern.TryParse(glob, out _)!.BaseDirectory);
    }

    [Fact]
    public void Match_FileTree_ReturnsSortedMatchesOnly()
    {
        using var dir = new TempDirectory();
        dir.Write("data/b.csv", "x");
        dir.Write("data/a.csv", "x");
        dir.Write("data/notes.txt", "x");
        dir.Write("data/2026/c.csv", "x");

        var flat = GlobFiles.Match(dir.Path, GlobPattern.TryParse("data/*.csv", out _)!).Select(f => Path.GetRelativePath(dir.Path, f));
        var deep = GlobFiles.Match(dir.Path, GlobPattern.TryParse("data/**/*.csv", out _)!).Select(f => Path.GetRelativePath(dir.Path, f));

        Assert.Equal(["data/a.csv", "data/b.csv"], flat);
        Assert.Equal(["data/2026/c.csv", "data/a.csv", "data/b.csv"], deep);
    }
}
