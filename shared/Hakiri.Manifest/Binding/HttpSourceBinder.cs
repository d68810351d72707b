using System.Globalization;
using System.Text.RegularExpressions;
using Hakiri.Manifest.Schema;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads <c>connector = "http"</c> and <c>"github"</c> sources; keys, types, ranges and patterns were already checked against the shape.</summary>
internal static class HttpSourceBinder
{
    public static HttpSourceManifest? BindHttp(TomlTable table, string pipeline, DiagnosticBag diagnostics)
    {
        var baseUrl = TomlRead.StringNode(table, "base_url");
        if (baseUrl is not null)
        {
            CheckUrl(baseUrl, pipeline, diagnostics);
        }

        var parameters = ReadScalars(TomlRead.Table(table, "params"));
        var headers = ReadScalars(TomlRead.Table(table, "headers"));
        var auth = BindAuth(TomlRead.Table(table, "auth"));
        var pagination = BindPagination(TomlRead.Table(table, "pagination"));
        var incrementalTable = TomlRead.Table(table, "incremental");
        var incremental = incrementalTable is not null && TomlRead.String(incrementalTable, "field") is { } field && TomlRead.String(incrementalTable, "param") is { } param
            ? new HttpIncremental(field, param)
            : null;

        HttpRequestChecks.Check(table, pipeline, auth, pagination, incremental, diagnostics);
        if (baseUrl is null)
        {
            return null;
        }

        return new HttpSourceManifest(
            baseUrl.Value,
            TomlRead.String(table, "path") ?? string.Empty,
            TomlRead.String(table, "records") ?? string.Empty,
            parameters,
            headers,
            auth,
            pagination,
            incremental,
            BindLimits(table));
    }

    public static GitHubSourceManifest? BindGitHub(TomlTable table, string pipeline, DiagnosticBag diagnostics)
    {
        if (TomlRead.String(table, "repository") is not { } repository)
        {
            return null;
        }

        var apiUrl = TomlRead.StringNode(table, "api_url");
        if (apiUrl is not null)
        {
            CheckUrl(apiUrl, pipeline, diagnostics);
        }

        var resource = TomlRead.String(table, "resource") switch
        {
            "pulls" => GitHubResource.Pulls,
            "commits" => GitHubResource.Commits,
            "releases" => GitHubResource.Releases,
            "issue_comments" => GitHubResource.IssueComments,
            _ => GitHubResource.Issues,
        };

        return new GitHubSourceManifest(
            repository,
            resource,
            TomlRead.String(table, "token_env") ?? GitHubSourceManifest.DefaultTokenEnv,
            apiUrl?.Value ?? GitHubSourceManifest.DefaultApiUrl,
            BindLimits(table));
    }

    /// <summary>The primary key a github pipeline gets when it names none: commits are keyed by sha, everything else by id.</summary>
    public static IReadOnlyList<string> DefaultPrimaryKey(GitHubSourceManifest source) =>
        source.Resource == GitHubResource.Commits ? ["sha"] : ["id"];

    private static HttpAuth BindAuth(TomlTable? table)
    {
        if (table is null)
        {
            return HttpAuth.None;
        }

        var kind = TomlRead.String(table, "kind") switch
        {
            "bearer" => HttpAuthKind.Bearer,
            "basic" => HttpAuthKind.Basic,
            "header" => HttpAuthKind.Header,
            "query" => HttpAuthKind.Query,
            _ => HttpAuthKind.None,
        };

        return new HttpAuth(kind, TomlRead.String(table, "env"), TomlRead.String(table, "env_user"), TomlRead.String(table, "env_password"),
            TomlRead.String(table, "name"));
    }

    private static HttpPagination BindPagination(TomlTable? table)
    {
        if (table is null)
        {
            return HttpPagination.None;
        }

        var kind = TomlRead.String(table, "kind") switch
        {
            "link" => HttpPaginationKind.Link,
            "next_url" => HttpPaginationKind.NextUrl,
            "cursor" => HttpPaginationKind.Cursor,
            "offset" => HttpPaginationKind.Offset,
            "page" => HttpPaginationKind.Page,
            _ => HttpPaginationKind.None,
        };

        // Pages are numbered from 1 by most APIs; offsets start at 0.
        var start = TomlRead.Integer(table, "start") ?? (kind == HttpPaginationKind.Page ? 1 : 0);
        var limit = TomlRead.Integer(table, "limit");
        return new HttpPagination(kind, TomlRead.String(table, "field"), TomlRead.String(table, "param"), TomlRead.String(table, "limit_param"),
            limit is { } l ? (int)l : null, (int)start);
    }

    private static HttpLimits BindLimits(TomlTable table)
    {
        var defaults = HttpLimits.Default;
        return new HttpLimits(
            (int)(TomlRead.Integer(table, "timeout_seconds") ?? defaults.TimeoutSeconds),
            (int)(TomlRead.Integer(table, "max_retries") ?? defaults.MaxRetries),
            (int)(TomlRead.Integer(table, "max_pages") ?? defaults.MaxPages));
    }

    private static Dictionary<string, string> ReadScalars(TomlTable? table)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in table?.Entries ?? [])
        {
            switch (entry.Value)
            {
                case TomlString s:
                    values[entry.Key] = s.Value;
                    break;
                case TomlInteger i:
                    values[entry.Key] = i.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                case TomlBoolean b:
                    values[entry.Key] = b.Value ? "true" : "false";
                    break;
            }
        }

        return values;
    }

    // The shape's pattern lets through a few strings .NET cannot parse as a URL, such as a port above 65535.
    private static void CheckUrl(TomlString url, string pipeline, DiagnosticBag diagnostics)
    {
        if (Regex.IsMatch(url.Value, Names.HttpUrlPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            && !Uri.TryCreate(url.Value, UriKind.Absolute, out _))
        {
            diagnostics.Error(url.Position.Line, url.Position.Column, $"'{url.Value}' in [pipelines.{pipeline}.source] is not a valid URL",
                "check the host name and port (1-65535), e.g. https://api.example.com/v2");
        }
    }
}
