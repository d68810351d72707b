using Hakiri.Connectors.Contract;
using Hakiri.Connectors.GitHub;
using Hakiri.Connectors.Http;
using Hakiri.Connectors.Tests.Fakes;
using Hakiri.Connectors.Tests.Http;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Tests.GitHub;

[Collection(FakeApiCollection.Name)]
public sealed class GitHubSourceConnectorTests(FakeApiFixture api)
{
    private static readonly Dictionary<string, string> WithToken = new() { ["GITHUB_TOKEN"] = FakeApiFixture.GitHubToken };

    private GitHubSourceConnector Connector(string key, GitHubResource resource, PagerHarness harness) =>
        new("gh-issues", "issues", new GitHubSourceManifest("octo/hello", resource, GitHubSourceManifest.DefaultTokenEnv, api.GitHubApi(key), HttpLimits.Default), harness.Services);

    private async Task<PagesRead> ReadAsync(string key, GitHubResource resource, PagerHarness harness, ReadOnlyMemory<byte>? cursor = null)
    {
        using var pager = Connector(key, resource, harness).OpenPager(cursor);
        return await PagerHarness.ReadAsync(pager, idField: resource == GitHubResource.Commits ? "sha" : "id");
    }

    [Fact]
    public async Task NextPageAsync_Issues_ReturnsIssuesWithoutPullRequests()
    {
        var key = FakeApiFixture.NewKey();
        var read = await ReadAsync(key, GitHubResource.Issues, new PagerHarness(api, WithToken));

        var expected = Enumerable.Range(1, FakeApiFixture.IssueCount).Where(n => !FakeApiFixture.IsPullRequest(n)).Select(n => (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Order(), read.Ids.Order());
        Assert.Equal(read.Ids.Count, read.Ids.Distinct().Count());
        var requests = api.Requests(key);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r =>
        {
            Assert.Equal("application/vnd.github+json", r.Header("Accept"));
            Assert.Equal("2022-11-28", r.Header("X-GitHub-Api-Version"));
            Assert.Equal($"Bearer {FakeApiFixture.GitHubToken}", r.Header("Authorization"));
            Assert.Equal("100", r.Query("per_page"));
            Assert.Equal("all", r.Query("state"));
        });
        Assert.StartsWith("/gh/" + key + "/repos/octo/hello/issues?", requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GitHubResource.Pulls, 30)]
    [InlineData(GitHubResource.Commits, 40)]
    [InlineData(GitHubResource.Releases, 5)]
    [InlineData(GitHubResource.IssueComments, 20)]
    public async Task NextPageAsync_OtherResources_ReturnsAll(GitHubResource resource, int count)
    {
        var key = FakeApiFixture.NewKey();
        var read = await ReadAsync(key, resource, new PagerHarness(api, WithToken));

        Assert.Equal(count, read.Ids.Distinct().Count());
        Assert.EndsWith("/" + GitHubResources.PathOf(resource), api.Requests(key)[0].PathAndQuery.Split('?')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_IssuesSecondRun_SendsSinceAndReadsOnlyUpdated()
    {
        var key = FakeApiFixture.NewKey();
        var first = await ReadAsync(key, GitHubResource.Issues, new PagerHarness(api, WithToken));
        api.UpsertIssue(key, 3, FakeApiFixture.TicketEpoch.AddDays(1));
        var before = api.Requests(key).Count;

        var second = await ReadAsync(key, GitHubResource.Issues, new PagerHarness(api, WithToken), first.Cursor);

        var request = api.Requests(key)[before];
        Assert.Equal(FakeApiFixture.Stamp(FakeApiFixture.TicketEpoch.AddMinutes(FakeApiFixture.IssueCount)), request.Query("since"));
        Assert.NotNull(request.Header("If-None-Match"));
        // since is inclusive on GitHub: issue 250 (the high-water mark) comes back too, but it is a pull request.
        Assert.Equal(["1003"], second.Ids);
    }

    [Fact]
    public async Task NextPageAsync_UnchangedSinceLastRun_SendsIfNoneMatchAndEndsOn304()
    {
        var key = FakeApiFixture.NewKey();
        var first = await ReadAsync(key, GitHubResource.Pulls, new PagerHarness(api, WithToken));
        var before = api.Requests(key).Count;

        var second = await ReadAsync(key, GitHubResource.Pulls, new PagerHarness(api, WithToken), first.Cursor);

        Assert.Empty(second.Ids);
        Assert.Equal(first.Cursor, second.Cursor);
        var request = Assert.Single(api.Requests(key).Skip(before));
        Assert.StartsWith("W/\"", request.Header("If-None-Match"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextAsync_UnchangedSinceLastRun_ReturnsNoBatch()
    {
        var key = FakeApiFixture.NewKey();
        var harness = new PagerHarness(api, WithToken);
        var first = await ReadAsync(key, GitHubResource.Pulls, harness);
        var connector = Connector(key, GitHubResource.Pulls, harness);

        var schema = Assert.Single(await connector.DiscoverAsync());
        await using var reader = await connector.OpenAsync("issues", first.Cursor);

        Assert.Equal("issues", schema.Name);
        Assert.Empty(schema.Columns);
        Assert.Equal(["id"], schema.PrimaryKey);
        Assert.Null(await reader.NextAsync());
        Assert.Equal(first.Cursor, reader.Cursor.ToArray());
    }

    [Fact]
    public async Task NextPageAsync_TokenUnset_ReadsUnauthenticated()
    {
        var key = FakeApiFixture.NewKey();
        var read = await ReadAsync(key, GitHubResource.Releases, new PagerHarness(api, new Dictionary<string, string>()));

        Assert.Equal(5, read.Ids.Count);
        Assert.Null(Assert.Single(api.Requests(key)).Header("Authorization"));
    }

    [Theory]
    [InlineData("primary", 15, 21)]
    [InlineData("secondary", 3, 3)]
    public async Task NextPageAsync_RateLimited403_WaitsThenSucceeds(string mode, double minSeconds, double maxSeconds)
    {
        var key = FakeApiFixture.NewKey();
        api.SetGitHubMode(key, mode);
        var harness = new PagerHarness(api, WithToken);
        var read = await ReadAsync(key, GitHubResource.Releases, harness);

        Assert.Equal(5, read.Ids.Count);
        Assert.InRange(Assert.Single(harness.Clock.Delays).TotalSeconds, minSeconds, maxSeconds);
        Assert.Contains("403", Assert.Single(harness.Log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_RateLimitResetTooFar_ThrowsRateLimited()
    {
        var key = FakeApiFixture.NewKey();
        api.SetGitHubMode(key, "far");
        var e = await Assert.ThrowsAsync<ConnectorException>(() => ReadAsync(key, GitHubResource.Releases, new PagerHarness(api, WithToken)));

        Assert.Equal(ConnectorErrorKind.RateLimited, e.Kind);
        Assert.True(e.RetryAfter > TimeSpan.FromMinutes(100));
    }

    [Fact]
    public async Task NextPageAsync_Forbidden_ThrowsPermanentNamingTokenVariable()
    {
        var key = FakeApiFixture.NewKey();
        api.SetGitHubMode(key, "forbidden");
        var e = await Assert.ThrowsAsync<ConnectorException>(() => ReadAsync(key, GitHubResource.Releases, new PagerHarness(api, WithToken)));

        Assert.Equal(ConnectorErrorKind.Permanent, e.Kind);
        Assert.Contains("GITHUB_TOKEN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeApiFixture.GitHubToken, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextPageAsync_BadToken_ThrowsAuthExpiredNamingTokenVariable()
    {
        var key = FakeApiFixture.NewKey();
        var environment = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "ghp_wrong_value_97" };
        var e = await Assert.ThrowsAsync<ConnectorException>(() => ReadAsync(key, GitHubResource.Releases, new PagerHarness(api, environment)));

        Assert.Equal(ConnectorErrorKind.AuthExpired, e.Kind);
        Assert.Contains("GITHUB_TOKEN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_wrong_value_97", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GitHubResource.Commits, "sha")]
    [InlineData(GitHubResource.Issues, "id")]
    [InlineData(GitHubResource.Pulls, "id")]
    public void DefaultPrimaryKey_Resource_IsShaForCommitsIdOtherwise(GitHubResource resource, string key) =>
        Assert.Equal([key], GitHubResources.DefaultPrimaryKey(resource));
}
