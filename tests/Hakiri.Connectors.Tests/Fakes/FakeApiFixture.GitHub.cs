using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hakiri.Connectors.Tests.Fakes;

public sealed partial class FakeApiFixture
{
    public const int IssueCount = 250;

    private readonly ConcurrentDictionary<string, SortedDictionary<int, DateTimeOffset>> _issues = new();
    private readonly ConcurrentDictionary<string, string> _gitHubModes = new();

    /// <summary>The GitHub API root of dataset <paramref name="key"/> (what <c>api_url</c> would be).</summary>
    public string GitHubApi(string key) => $"{BaseUrl}/gh/{key}";

    /// <summary>Makes dataset <paramref name="key"/> misbehave: primary, secondary, far, forbidden.</summary>
    public void SetGitHubMode(string key, string mode) => _gitHubModes[key] = mode;

    public void UpsertIssue(string key, int number, DateTimeOffset updatedAt)
    {
        var issues = Issues(key);
        lock (issues)
        {
            issues[number] = updatedAt;
        }
    }

    /// <summary>Every 5th issue is a pull request, as GitHub lists them among issues.</summary>
    public static bool IsPullRequest(int number) => number % 5 == 0;

    private SortedDictionary<int, DateTimeOffset> Issues(string key) =>
        _issues.GetOrAdd(key, _ => new(Enumerable.Range(1, IssueCount).ToDictionary(i => i, i => TicketEpoch.AddMinutes(i))));

    private List<JsonObject> GitHubItems(string key, string resource)
    {
        switch (resource)
        {
            case "issues":
                var issues = Issues(key);
                lock (issues)
                {
                    return issues.Select(i =>
                    {
                        var issue = new JsonObject
                        {
                            ["id"] = 1000 + i.Key,
                            ["number"] = i.Key,
                            ["title"] = $"Issue {i.Key}: naïve façade ü 日本語",
                            ["user"] = new JsonObject { ["login"] = "octocat" },
                            ["labels"] = new JsonArray(new JsonObject { ["name"] = "bug" }),
                            ["closed_at"] = null,
                            ["updated_at"] = Stamp(i.Value),
                        };
                        if (IsPullRequest(i.Key))
                        {
                            issue["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/o/r/pulls/{i.Key}" };
                        }

                        return issue;
                    }).ToList();
                }

            case "pulls":
                return Enumerable.Range(1, 30).Select(i => new JsonObject { ["id"] = 5000 + i, ["number"] = i, ["state"] = "open", ["updated_at"] = Stamp(TicketEpoch.AddHours(i)) }).ToList();
            case "commits":
#pragma warning disable CA5350 // Not security: a fake git commit id, and git's ids are SHA-1 hex.
                return Enumerable.Range(1, 40).Select(i => new JsonObject { ["sha"] = Convert.ToHexStringLower(SHA1.HashData(BitConverter.GetBytes(i))), ["commit"] = new JsonObject { ["message"] = $"Commit {i} ✓" } }).ToList();
#pragma warning restore CA5350
            case "releases":
                return Enumerable.Range(1, 5).Select(i => new JsonObject { ["id"] = 7000 + i, ["tag_name"] = $"v{i}.0" }).ToList();
            case "comments":
                return Enumerable.Range(1, 20).Select(i => new JsonObject { ["id"] = 9000 + i, ["body"] = "👍", ["updated_at"] = Stamp(TicketEpoch.AddMinutes(i)) }).ToList();
            default:
                return [];
        }
    }

    private void MapGitHub(WebApplication app)
    {
        app.MapGet("/gh/{key}/repos/{owner}/{repo}/issues/comments", (HttpContext context, string key) => ServeGitHubAsync(context, key, "comments"));
        app.MapGet("/gh/{key}/repos/{owner}/{repo}/{resource}", (HttpContext context, string key, string resource) => ServeGitHubAsync(context, key, resource));
    }

    private async Task ServeGitHubAsync(HttpContext context, string key, string resource)
    {
        var request = context.Request;
        var response = context.Response;
        Record(key, request);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0 && authorization != $"Bearer {GitHubToken}")
        {
            await WriteJsonAsync(context, """{"message":"Bad credentials"}""", 401);
            return;
        }

        string Reset(TimeSpan after) => DateTimeOffset.UtcNow.Add(after).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var first = Count(key + ":github") == 1;
        switch (_gitHubModes.GetValueOrDefault(key))
        {
            case "primary" when first:
                response.Headers["X-RateLimit-Remaining"] = "0";
                response.Headers["X-RateLimit-Reset"] = Reset(TimeSpan.FromSeconds(20));
                await WriteJsonAsync(context, """{"message":"API rate limit exceeded"}""", 403);
                return;
            case "secondary" when first:
                response.Headers.RetryAfter = "3";
                await WriteJsonAsync(context, """{"message":"You have exceeded a secondary rate limit"}""", 403);
                return;
            case "far":
                response.Headers["X-RateLimit-Remaining"] = "0";
                response.Headers["X-RateLimit-Reset"] = Reset(TimeSpan.FromHours(2));
                await WriteJsonAsync(context, """{"message":"API rate limit exceeded"}""", 429);
                return;
            case "forbidden":
                await WriteJsonAsync(context, """{"message":"Resource not accessible by integration"}""", 403);
                return;
        }

        var items = GitHubItems(key, resource);
        var since = request.Query["since"].ToString();
        if (since.Length > 0)
        {
            items = items.Where(i => string.CompareOrdinal((string)i["updated_at"]!, since) >= 0).ToList();
        }

        items = request.Query["sort"] == "updated"
            ? items.OrderByDescending(i => (string)i["updated_at"]!).ThenByDescending(i => i["id"]!.ToString()).ToList()
            : items;
        int page = Int(request, "page", 1), size = Math.Min(100, Int(request, "per_page", 30));
        var last = Math.Max(1, (items.Count + size - 1) / size);
        var links = new List<string>();
        string Self(int p) => $"{BaseUrl}{request.Path}?{QueryWith(request, "page", p.ToString(CultureInfo.InvariantCulture))}";
        if (page < last)
        {
            links.Add($"<{Self(page + 1)}>; rel=\"next\"");
            links.Add($"<{Self(last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{Self(1)}>; rel=\"first\"");
            links.Add($"<{Self(page - 1)}>; rel=\"prev\"");
        }

        var body = ToJson(Array(items.Skip((page - 1) * size).Take(size)));
        var etag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..20]}\"";
        response.Headers["X-RateLimit-Limit"] = authorization.Length > 0 ? "5000" : "60";
        response.Headers["X-RateLimit-Remaining"] = "42";
        response.Headers["X-RateLimit-Reset"] = Reset(TimeSpan.FromMinutes(30));
        response.Headers.ETag = etag;
        if (request.Headers.IfNoneMatch == etag)
        {
            response.StatusCode = 304;
            return;
        }

        if (links.Count > 0)
        {
            response.Headers.Append("Link", string.Join(", ", links));
        }

        await WriteJsonAsync(context, body);
    }
}
