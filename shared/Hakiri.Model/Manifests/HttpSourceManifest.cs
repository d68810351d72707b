namespace Hakiri.Model.Manifests;

/// <summary>The built-in <c>http</c> connector: records paged out of any JSON REST API, declared in the manifest.</summary>
/// <param name="BaseUrl">The API's base URL, e.g. <c>https://api.example.com/v2</c>.</param>
/// <param name="Path">The resource path appended to <see cref="BaseUrl"/>, e.g. <c>/tickets</c>.</param>
/// <param name="Records">Dotted path to the array of records in the JSON body; empty when the body is the array.</param>
/// <param name="Params">Fixed query parameters sent with every request.</param>
/// <param name="Headers">Fixed request headers (values are not secret; secrets go through <see cref="Auth"/>).</param>
/// <param name="Auth">How requests authenticate.</param>
/// <param name="Pagination">How the API pages.</param>
/// <param name="Incremental">The incremental cursor, or <see langword="null"/> to pull everything every run.</param>
/// <param name="Limits">Timeouts, retries and guards.</param>
public sealed record HttpSourceManifest(
    string BaseUrl,
    string Path,
    string Records,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Headers,
    HttpAuth Auth,
    HttpPagination Pagination,
    HttpIncremental? Incremental,
    HttpLimits Limits) : SourceManifest
{
    /// <inheritdoc />
    public override string Connector => "http";
}

/// <summary>How an <c>http</c> source authenticates; every secret is read from an environment variable at run time.</summary>
/// <param name="Kind">The scheme.</param>
/// <param name="Env">The variable holding the token (bearer), the header value (header) or the parameter value (query).</param>
/// <param name="EnvUser">The variable holding the user name (basic).</param>
/// <param name="EnvPassword">The variable holding the password (basic).</param>
/// <param name="Name">The header name (header) or query parameter name (query).</param>
public sealed record HttpAuth(HttpAuthKind Kind, string? Env = null, string? EnvUser = null, string? EnvPassword = null, string? Name = null)
{
    /// <summary>No authentication.</summary>
    public static HttpAuth None { get; } = new(HttpAuthKind.None);

    /// <summary>The environment variables this auth reads, in a stable order.</summary>
    public IReadOnlyList<string> EnvironmentVariables =>
        new[] { Env, EnvUser, EnvPassword }.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
}

/// <summary>Authentication schemes of the <c>http</c> connector.</summary>
public enum HttpAuthKind
{
    /// <summary>No credentials.</summary>
    None,

    /// <summary><c>Authorization: Bearer &lt;env&gt;</c>.</summary>
    Bearer,

    /// <summary><c>Authorization: Basic base64(user:password)</c>.</summary>
    Basic,

    /// <summary>A named header carrying the secret.</summary>
    Header,

    /// <summary>A named query parameter carrying the secret.</summary>
    Query,
}

/// <summary>How an <c>http</c> source pages.</summary>
/// <param name="Kind">The pagination style.</param>
/// <param name="Field">Dotted path in the body to the next URL (next_url) or next cursor (cursor).</param>
/// <param name="Param">The query parameter carrying the cursor (cursor), offset (offset) or page number (page).</param>
/// <param name="LimitParam">The query parameter carrying the page size (offset, page), if any.</param>
/// <param name="Limit">The page size to ask for (offset, page); also the step of offset pagination.</param>
/// <param name="Start">The first page number (page) or offset (offset).</param>
public sealed record HttpPagination(HttpPaginationKind Kind, string? Field = null, string? Param = null, string? LimitParam = null, int? Limit = null, int Start = 0)
{
    /// <summary>A single request.</summary>
    public static HttpPagination None { get; } = new(HttpPaginationKind.None);
}

/// <summary>Pagination styles of the <c>http</c> connector.</summary>
public enum HttpPaginationKind
{
    /// <summary>One request returns everything.</summary>
    None,

    /// <summary>RFC 8288 <c>Link</c> header with <c>rel="next"</c>.</summary>
    Link,

    /// <summary>The body names the next page's URL.</summary>
    NextUrl,

    /// <summary>The body names an opaque cursor, sent back as a query parameter.</summary>
    Cursor,

    /// <summary>An offset parameter advanced by the number of records received.</summary>
    Offset,

    /// <summary>A page number parameter advanced by one.</summary>
    Page,
}

/// <summary>An incremental cursor: the largest value of <see cref="Field"/> seen, sent back as <see cref="Param"/> next run.</summary>
/// <param name="Field">Dotted path in each record to the cursor value (e.g. <c>updated_at</c>).</param>
/// <param name="Param">The query parameter the stored value is sent as (e.g. <c>since</c>).</param>
public sealed record HttpIncremental(string Field, string Param);

/// <summary>Timeouts, retries and guards of an <c>http</c> source.</summary>
/// <param name="TimeoutSeconds">Per-request timeout.</param>
/// <param name="MaxRetries">Retries of one request on 5xx, resets, timeouts and 429 before the step fails.</param>
/// <param name="MaxPages">Pages one run may fetch before it stops with an error (a guard against pagination loops).</param>
public sealed record HttpLimits(int TimeoutSeconds = 30, int MaxRetries = 5, int MaxPages = 100_000)
{
    /// <summary>The defaults.</summary>
    public static HttpLimits Default { get; } = new();
}

/// <summary>The built-in <c>github</c> connector: a preset over <c>http</c> for one repository's resources.</summary>
/// <param name="Repository">owner/name.</param>
/// <param name="Resource">What to pull.</param>
/// <param name="TokenEnv">The variable holding the token; unset means the unauthenticated rate.</param>
/// <param name="ApiUrl">The API root: <c>https://api.github.com</c>, or <c>https://HOST/api/v3</c> for Enterprise Server.</param>
/// <param name="Limits">Timeouts, retries and guards.</param>
public sealed record GitHubSourceManifest(string Repository, GitHubResource Resource, string TokenEnv, string ApiUrl, HttpLimits Limits) : SourceManifest
{
    /// <summary>The default token variable.</summary>
    public const string DefaultTokenEnv = "GITHUB_TOKEN";

    /// <summary>The default API root.</summary>
    public const string DefaultApiUrl = "https://api.github.com";

    /// <inheritdoc />
    public override string Connector => "github";
}

/// <summary>Resources the <c>github</c> connector pulls.</summary>
public enum GitHubResource
{
    /// <summary>Issues only (pull requests, which GitHub lists among issues, are left out).</summary>
    Issues,

    /// <summary>Pull requests.</summary>
    Pulls,

    /// <summary>Commits of the default branch.</summary>
    Commits,

    /// <summary>Releases.</summary>
    Releases,

    /// <summary>Comments on issues and pull requests.</summary>
    IssueComments,
}
