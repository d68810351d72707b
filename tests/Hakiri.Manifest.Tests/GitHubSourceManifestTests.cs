using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

public sealed class GitHubSourceManifestTests
{
    private const string Project = "[project]\nname = \"p\"\n\n";

    [Fact]
    public void ParseProject_MinimalGitHubSource_UsesDefaultsAndIdKey()
    {
        var pipeline = Bind("[pipelines.issues.source]\nconnector = \"github\"\nrepository = \"octo-org/octo-repo\"\n");

        Assert.Equal(
            new GitHubSourceManifest("octo-org/octo-repo", GitHubResource.Issues, "GITHUB_TOKEN", "https://api.github.com", HttpLimits.Default),
            pipeline.Source);
        Assert.Equal(["id"], pipeline.PrimaryKey);
    }

    [Fact]
    public void ParseProject_GitHubSourceWithEveryKey_BindsEveryKey()
    {
        var pipeline = Bind("""
            [pipelines.releases.source]
            connector = "github"
            repository = "octo-org/octo.repo_2"
            resource = "releases"
            token_env = "GHE_TOKEN"
            api_url = "https://github.example.com/api/v3"
            timeout_seconds = 10
            max_retries = 0
            max_pages = 1
            """);

        Assert.Equal(
            new GitHubSourceManifest("octo-org/octo.repo_2", GitHubResource.Releases, "GHE_TOKEN", "https://github.example.com/api/v3", new HttpLimits(10, 0, 1)),
            pipeline.Source);
    }

    [Theory]
    [InlineData("issues", GitHubResource.Issues, "id")]
    [InlineData("pulls", GitHubResource.Pulls, "id")]
    [InlineData("commits", GitHubResource.Commits, "sha")]
    [InlineData("releases", GitHubResource.Releases, "id")]
    [InlineData("issue_comments", GitHubResource.IssueComments, "id")]
    public void ParseProject_GitHubResource_IsBoundWithItsDefaultKey(string resource, GitHubResource expected, string key)
    {
        var pipeline = Bind($"[pipelines.t.source]\nconnector = \"github\"\nrepository = \"a/b\"\nresource = \"{resource}\"\n");

        Assert.Equal(expected, ((GitHubSourceManifest)pipeline.Source).Resource);
        Assert.Equal([key], pipeline.PrimaryKey);
    }

    [Fact]
    public void ParseProject_GitHubWithPrimaryKey_KeepsTheUsersKey()
    {
        var pipeline = Bind("""
            [pipelines.commits]
            primary_key = ["node_id"]
            [pipelines.commits.source]
            connector = "github"
            repository = "a/b"
            resource = "commits"
            """);

        Assert.Equal(["node_id"], pipeline.PrimaryKey);
    }

    [Fact]
    public void ParseProject_FileSourceWithoutPrimaryKey_StaysAppendOnly()
    {
        var result = ManifestLoaderTests.Parse(Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/orders/*.csv\"\n");

        Assert.Empty(Assert.Single(result.Value!.Pipelines).PrimaryKey);
    }

    private static PipelineManifest Bind(string pipelines)
    {
        var result = ManifestLoaderTests.Parse(Project + pipelines);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Value!.Pipelines);
    }
}
