namespace Hakiri.Manifest.Tests;

/// <summary>Each malformed http or github source gives a located, actionable error (and the manifest does not load).</summary>
public sealed class MalformedHttpSourceTests
{
    private const string Project = "[project]\nname = \"p\"\n";
    private const string Http = Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://api.example.com\"\n";
    private const string GitHub = Project + "[pipelines.t.source]\nconnector = \"github\"\nrepository = \"a/b\"\n";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "misspelt key", Http + "paginaton = { kind = \"link\" }\n", 6, 1, "unknown key 'paginaton' in [pipelines.t.source] — did you mean 'pagination'?" },
        { "misspelt required key", Project + "[pipelines.t.source]\nconnector = \"http\"\nbse_url = \"https://x.example\"\n", 5, 1, "unknown key 'bse_url' in [pipelines.t.source] — did you mean 'base_url'?" },
        { "unknown key, no close match", Http + "verbose = true\n", 6, 1, "allowed keys are: connector, base_url, path" },
        { "misspelt key in inline auth", Http + "auth = { kind = \"bearer\", evn = \"T\" }\n", 6, 27, "unknown key 'evn' in [pipelines.t.source.auth] — did you mean 'env'?" },
        { "misspelt key in auth sub-table", Http + "[pipelines.t.source.auth]\nkind = \"bearer\"\nenvv = \"T\"\n", 8, 1, "did you mean 'env'?" },
        { "connector misspelt", Project + "[pipelines.t.source]\nconnector = \"htp\"\n", 4, 13, "did you mean 'http'? (built-in connectors are file, http, github, postgres, s3; declare a WebAssembly connector as [connectors.htp])" },
        { "no base_url", Project + "[pipelines.t.source]\nconnector = \"http\"\n", 3, 1, "[pipelines.t.source] has no 'base_url' — add base_url = \"https://api.example.com/v2\"" },
        { "base_url not a URL", Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"api.example.com\"\n", 5, 12, "'base_url' in [pipelines.t.source] is not valid: 'api.example.com' — write an absolute http:// or https:// URL" },
        { "base_url with query", Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://x.example/v2?key=1\"\n", 5, 12, "without a query string (fixed query parameters go in params)" },
        { "base_url with credentials", Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://me:pw@x.example\"\n", 5, 12, "without credentials (use auth)" },
        { "base_url ftp", Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"ftp://x.example\"\n", 5, 12, "is not valid: 'ftp://x.example'" },
        { "base_url bad port", Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://x.example:99999\"\n", 5, 12, "'https://x.example:99999' in [pipelines.t.source] is not a valid URL — check the host name and port" },
        { "path without slash", Http + "path = \"tickets\"\n", 6, 8, "'path' in [pipelines.t.source] is not valid: 'tickets' — start it with /" },
        { "records with empty segment", Http + "records = \"data..items\"\n", 6, 11, "write dot-separated field names" },
        { "params value a float", Http + "params = { ratio = 0.5 }\n", 6, 20, "'ratio' in [pipelines.t.source.params] must be a string, integer or boolean, not a float" },
        { "header value an integer", Http + "headers = { \"X-Version\" = 2 }\n", 6, 27, "'X-Version' in [pipelines.t.source.headers] must be a string, not an integer" },
        { "bad header name", Http + "headers = { \"X Client\" = \"a\" }\n", 6, 13, "the name 'X Client' in [pipelines.t.source.headers] is not valid — a header name is letters" },
        { "header set twice", Http + "headers = { Accept = \"a\", accept = \"b\" }\n", 6, 27, "the header 'accept' in [pipelines.t.source] is written twice" },
        { "header also set by auth", Http + "auth = { kind = \"bearer\", env = \"T\" }\nheaders = { Authorization = \"x\" }\n", 7, 13, "the header 'Authorization' in headers of [pipelines.t.source] is also set by auth — remove it from headers" },
        { "param also set by pagination", Http + "params = { page = 2 }\npagination = { kind = \"page\", param = \"page\" }\n", 6, 12, "the query parameter 'page' in params of [pipelines.t.source] is also set by pagination" },
        { "param also set by incremental", Http + "params = { since = \"2024\" }\nincremental = { field = \"u\", param = \"since\" }\n", 6, 12, "is also set by incremental" },
        { "auth without kind", Http + "auth = { env = \"T\" }\n", 6, 8, "[pipelines.t.source.auth] has no 'kind' — add kind = \"none\" (available: none, bearer, basic, header, query)" },
        { "bad auth kind", Http + "auth = { kind = \"token\", env = \"T\" }\n", 6, 17, "unknown kind 'token' in [pipelines.t.source.auth] — available kinds are none, bearer, basic, header, query" },
        { "bearer without env", Http + "auth = { kind = \"bearer\" }\n", 6, 8, "[pipelines.t.source.auth] has no 'env' — add env = \"API_TOKEN\"" },
        { "bearer sub-table without env", Http + "[pipelines.t.source.auth]\nkind = \"bearer\"\n", 6, 1, "[pipelines.t.source.auth] has no 'env'" },
        { "basic without env_password", Http + "auth = { kind = \"basic\", env_user = \"U\" }\n", 6, 8, "has no 'env_password' — add env_password = \"API_PASSWORD\"" },
        { "basic without env_user", Http + "auth = { kind = \"basic\", env_password = \"P\" }\n", 6, 8, "has no 'env_user'" },
        { "header auth without name", Http + "auth = { kind = \"header\", env = \"T\" }\n", 6, 8, "has no 'name' — add name = \"X-Api-Key\"" },
        { "query auth without name", Http + "auth = { kind = \"query\", env = \"T\" }\n", 6, 8, "has no 'name' — add name = \"api_key\"" },
        { "env not a variable name", Http + "auth = { kind = \"bearer\", env = \"MY-TOKEN\" }\n", 6, 33, "'env' in [pipelines.t.source.auth] is not valid: 'MY-TOKEN' — write the name of an environment variable" },
        { "env is a literal token", Http + "auth = { kind = \"bearer\", env = \"ghp 123\" }\n", 6, 33, "the secret itself stays in the environment" },
        { "bad pagination kind", Http + "pagination = { kind = \"pages\" }\n", 6, 23, "unknown kind 'pages' in [pipelines.t.source.pagination] — did you mean 'page'? (available kinds are none, link, next_url, cursor, offset, page)" },
        { "unknown pagination kind", Http + "pagination = { kind = \"scroll\" }\n", 6, 23, "available kinds are none, link, next_url, cursor, offset, page" },
        { "next_url without field", Http + "pagination = { kind = \"next_url\" }\n", 6, 14, "[pipelines.t.source.pagination] has no 'field'" },
        { "cursor without field", Http + "pagination = { kind = \"cursor\", param = \"c\" }\n", 6, 14, "[pipelines.t.source.pagination] has no 'field' — add field = \"next_cursor\"" },
        { "cursor without param", Http + "pagination = { kind = \"cursor\", field = \"next\" }\n", 6, 14, "[pipelines.t.source.pagination] has no 'param' — add param = \"cursor\"" },
        { "cursor sub-table without param", Http + "[pipelines.t.source.pagination]\nkind = \"cursor\"\nfield = \"next\"\n", 6, 1, "has no 'param'" },
        { "offset without param", Http + "pagination = { kind = \"offset\", limit = 100 }\n", 6, 14, "has no 'param' — add param = \"offset\"" },
        { "offset without limit", Http + "pagination = { kind = \"offset\", param = \"offset\" }\n", 6, 14, "has no 'limit' — add limit = 100" },
        { "page without param", Http + "pagination = { kind = \"page\" }\n", 6, 14, "has no 'param' — add param = \"page\"" },
        { "page limit_param without limit", Http + "pagination = { kind = \"page\", param = \"page\", limit_param = \"per_page\" }\n", 6, 47, "'limit_param' in [pipelines.t.source.pagination] needs 'limit' as well — add limit = 100" },
        { "cursor key on link", Http + "pagination = { kind = \"link\", field = \"next\" }\n", 6, 31, "unknown key 'field' in [pipelines.t.source.pagination]" },
        { "limit out of range", Http + "pagination = { kind = \"offset\", param = \"o\", limit = 0 }\n", 6, 54, "'limit' in [pipelines.t.source.pagination] must be between 1 and 100000, not 0" },
        { "incremental without param", Http + "incremental = { field = \"updated_at\" }\n", 6, 15, "[pipelines.t.source.incremental] has no 'param' — add param = \"since\"" },
        { "timeout out of range", Http + "timeout_seconds = 0\n", 6, 19, "'timeout_seconds' in [pipelines.t.source] must be between 1 and 900, not 0" },
        { "retries out of range", Http + "max_retries = 21\n", 6, 15, "must be between 0 and 20, not 21" },
        { "pages out of range", Http + "max_pages = 0\n", 6, 13, "must be between 1 and 10000000, not 0" },
        { "no repository", Project + "[pipelines.t.source]\nconnector = \"github\"\n", 3, 1, "[pipelines.t.source] has no 'repository' — add repository = \"octo-org/octo-repo\"" },
        { "repository without name", Project + "[pipelines.t.source]\nconnector = \"github\"\nrepository = \"octo-org\"\n", 5, 14, "'repository' in [pipelines.t.source] is not valid: 'octo-org' — write owner/name" },
        { "repository as URL", Project + "[pipelines.t.source]\nconnector = \"github\"\nrepository = \"https://github.com/a/b\"\n", 5, 14, "(not a URL)" },
        { "bad resource", GitHub + "resource = \"issue\"\n", 6, 12, "'resource' in [pipelines.t.source] must be one of issues, pulls, commits, releases, issue_comments, not 'issue' — did you mean 'issues'?" },
        { "bad token_env", GitHub + "token_env = \"github-token\"\n", 6, 13, "'token_env' in [pipelines.t.source] is not valid: 'github-token'" },
        { "bad api_url", GitHub + "api_url = \"github.example.com\"\n", 6, 11, "write https://api.github.com, or https://HOST/api/v3" },
        { "github max_pages out of range", GitHub + "max_pages = 20000000\n", 6, 13, "must be between 1 and 10000000" },
        { "http key on github", GitHub + "base_url = \"https://x.example\"\n", 6, 1, "unknown key 'base_url' in [pipelines.t.source]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseProject_MalformedHttpSource_ReportsLocatedError(string name, string toml, int line, int column, string fragment)
    {
        var result = ManifestLoaderTests.Parse(toml);

        Assert.False(result.Succeeded, name);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        var error = errors.FirstOrDefault(d => (d.Line, d.Column) == (line, column));
        Assert.True(error is not null, $"{name}: expected an error at {line}:{column}, got {string.Join(" | ", errors)}");
        Assert.True(error.ToString().Contains(fragment, StringComparison.Ordinal), $"{name}: expected '{fragment}' in {error}");
        Assert.StartsWith($"hakiri.toml:{line}:{column}: error: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_MisspeltRequiredKey_IsReportedOnce()
    {
        var result = ManifestLoaderTests.Parse(Project + "[pipelines.t.source]\nconnector = \"http\"\nbse_url = \"https://x.example\"\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("did you mean 'base_url'?", error.ToString(), StringComparison.Ordinal);
    }
}
