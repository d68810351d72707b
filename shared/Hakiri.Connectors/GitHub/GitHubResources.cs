using System.Text.Json;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Http;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.GitHub;

/// <summary>What each <see cref="GitHubResource"/> means on the REST API: its path, parameters, key and cursor.</summary>
public static class GitHubResources
{
    private static readonly IReadOnlyList<string> IdKey = ["id"];
    private static readonly IReadOnlyList<string> ShaKey = ["sha"];

    /// <summary>The primary key a table of <paramref name="resource"/> has unless the pipeline says otherwise: <c>sha</c> for commits, <c>id</c> otherwise.</summary>
    public static IReadOnlyList<string> DefaultPrimaryKey(GitHubResource resource) =>
        resource == GitHubResource.Commits ? ShaKey : IdKey;

    /// <summary>The path under <c>/repos/{owner}/{name}</c>: <c>issues</c>, <c>pulls</c>, <c>commits</c>, <c>releases</c>, <c>issues/comments</c>.</summary>
    public static string PathOf(GitHubResource resource) => resource switch
    {
        GitHubResource.Issues => "issues",
        GitHubResource.Pulls => "pulls",
        GitHubResource.Commits => "commits",
        GitHubResource.Releases => "releases",
        GitHubResource.IssueComments => "issues/comments",
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Unknown GitHub resource."),
    };

    /// <summary>The engine plan of a <c>github</c> source: Link paging, <c>since</c> for issues and comments, conditional first requests.</summary>
    internal static HttpReadPlan CreatePlan(string pipeline, GitHubSourceManifest manifest)
    {
        var parts = manifest.Repository.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"{pipeline}: repository '{manifest.Repository}' is not owner/name; set it like repository = \"octocat/hello-world\".");
        }

        var resource = manifest.Resource;
        var tokenEnv = string.IsNullOrEmpty(manifest.TokenEnv) ? GitHubSourceManifest.DefaultTokenEnv : manifest.TokenEnv;
        var apiUrl = string.IsNullOrEmpty(manifest.ApiUrl) ? GitHubSourceManifest.DefaultApiUrl : manifest.ApiUrl;
        var path = $"/repos/{Uri.EscapeDataString(parts[0])}/{Uri.EscapeDataString(parts[1])}/{PathOf(resource)}";

        // Newest-updated first: a change during a multi-page read shifts records down (read twice, upserted once),
        // never up past the reader, and any change alters the first page, which makes its ETag a sound "nothing new" test.
        var parameters = new List<KeyValuePair<string, string>>();
        if (resource is GitHubResource.Issues or GitHubResource.Pulls)
        {
            parameters.Add(new("state", "all"));
        }

        if (resource is GitHubResource.Issues or GitHubResource.Pulls or GitHubResource.IssueComments)
        {
            parameters.Add(new("sort", "updated"));
            parameters.Add(new("direction", "desc"));
        }

        parameters.Add(new("per_page", "100"));
        var incremental = resource is GitHubResource.Issues or GitHubResource.IssueComments ? new HttpIncremental("updated_at", "since") : null;
        return new HttpReadPlan(
            pipeline,
            HttpReadPlan.Join(apiUrl, path),
            string.Empty,
            parameters,
            [new("Accept", "application/vnd.github+json"), new("X-GitHub-Api-Version", "2022-11-28")],
            new HttpAuth(HttpAuthKind.Bearer, Env: tokenEnv),
            new HttpPagination(HttpPaginationKind.Link),
            incremental,
            manifest.Limits)
        {
            AuthOptional = true,
            Conditional = true,
            Include = resource == GitHubResource.Issues ? IsNotPullRequest : null,
            UnauthenticatedHint = $"set the environment variable {tokenEnv} to a GitHub token that can read {manifest.Repository}",
            NotFoundHint = $"check that the repository {manifest.Repository} exists and that the token in {tokenEnv} can see it",
        };
    }

    // GitHub lists pull requests among issues; they carry a pull_request key.
    private static bool IsNotPullRequest(JsonElement record) =>
        record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("pull_request", out _);
}
