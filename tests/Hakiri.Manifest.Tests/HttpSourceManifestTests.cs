using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

public sealed class HttpSourceManifestTests
{
    private const string Project = "[project]\nname = \"p\"\n\n";

    private const string Tickets = """
        [pipelines.tickets]
        primary_key = ["id"]

        [pipelines.tickets.source]
        connector = "http"
        base_url = "https://api.example.com/v2"
        path = "/tickets"
        records = "data.items"
        timeout_seconds = 60
        max_retries = 3
        max_pages = 500

        """;

    [Fact]
    public void ParseProject_HttpSourceWithInlineTables_BindsEveryKey()
    {
        var source = BindHttp(Tickets + """
            params = { state = "all", per_page = 50, archived = false }
            headers = { "X-Client" = "hakiri", Accept = "application/json" }
            auth = { kind = "bearer", env = "EXAMPLE_TOKEN" }
            pagination = { kind = "cursor", field = "meta.next", param = "cursor" }
            incremental = { field = "updated_at", param = "since" }
            """);

        Assert.Equal(Expected, source with { Params = Expected.Params, Headers = Expected.Headers });
        Assert.Equal(Expected.Params, source.Params);
        Assert.Equal(Expected.Headers, source.Headers);
    }

    [Fact]
    public void ParseProject_HttpSourceWithSubTables_BindsLikeInlineTables()
    {
        var source = BindHttp(Tickets + """
            [pipelines.tickets.source.params]
            state = "all"
            per_page = 50
            archived = false

            [pipelines.tickets.source.headers]
            "X-Client" = "hakiri"
            Accept = "application/json"

            [pipelines.tickets.source.auth]
            kind = "bearer"
            env = "EXAMPLE_TOKEN"

            [pipelines.tickets.source.pagination]
            kind = "cursor"
            field = "meta.next"
            param = "cursor"

            [pipelines.tickets.source.incremental]
            field = "updated_at"
            param = "since"
            """);

        Assert.Equal(Expected, source with { Params = Expected.Params, Headers = Expected.Headers });
        Assert.Equal(Expected.Params, source.Params);
        Assert.Equal(Expected.Headers, source.Headers);
    }

    [Fact]
    public void ParseProject_MinimalHttpSource_UsesDefaults()
    {
        var source = BindHttp("[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://api.example.com\"\n");

        Assert.Equal(string.Empty, source.Path);
        Assert.Equal(string.Empty, source.Records);
        Assert.Empty(source.Params);
        Assert.Empty(source.Headers);
        Assert.Equal(HttpAuth.None, source.Auth);
        Assert.Equal(HttpPagination.None, source.Pagination);
        Assert.Null(source.Incremental);
        Assert.Equal(HttpLimits.Default, source.Limits);
    }

    public static TheoryData<string, HttpPagination> PaginationKinds => new()
    {
        { "{ kind = \"none\" }", HttpPagination.None },
        { "{ kind = \"link\" }", new HttpPagination(HttpPaginationKind.Link) },
        { "{ kind = \"next_url\", field = \"links.next\" }", new HttpPagination(HttpPaginationKind.NextUrl, Field: "links.next") },
        { "{ kind = \"cursor\", field = \"next\", param = \"after\" }", new HttpPagination(HttpPaginationKind.Cursor, "next", "after") },
        { "{ kind = \"offset\", param = \"offset\", limit = 100 }", new HttpPagination(HttpPaginationKind.Offset, Param: "offset", Limit: 100) },
        { "{ kind = \"offset\", param = \"skip\", limit_param = \"take\", limit = 50, start = 10 }", new HttpPagination(HttpPaginationKind.Offset, null, "skip", "take", 50, 10) },
        { "{ kind = \"page\", param = \"page\" }", new HttpPagination(HttpPaginationKind.Page, Param: "page", Start: 1) },
        { "{ kind = \"page\", param = \"p\", start = 0, limit_param = \"per_page\", limit = 100 }", new HttpPagination(HttpPaginationKind.Page, null, "p", "per_page", 100, 0) },
    };

    [Theory]
    [MemberData(nameof(PaginationKinds))]
    public void ParseProject_PaginationKind_IsBound(string inline, HttpPagination expected)
    {
        var source = BindHttp($"[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://api.example.com\"\npagination = {inline}\n");

        Assert.Equal(expected, source.Pagination);
    }

    public static TheoryData<string, HttpAuth> AuthKinds => new()
    {
        { "{ kind = \"none\" }", HttpAuth.None },
        { "{ kind = \"bearer\", env = \"API_TOKEN\" }", new HttpAuth(HttpAuthKind.Bearer, Env: "API_TOKEN") },
        { "{ kind = \"basic\", env_user = \"API_USER\", env_password = \"API_PASSWORD\" }", new HttpAuth(HttpAuthKind.Basic, EnvUser: "API_USER", EnvPassword: "API_PASSWORD") },
        { "{ kind = \"header\", name = \"X-Api-Key\", env = \"API_KEY\" }", new HttpAuth(HttpAuthKind.Header, Env: "API_KEY", Name: "X-Api-Key") },
        { "{ kind = \"query\", name = \"api_key\", env = \"API_KEY\" }", new HttpAuth(HttpAuthKind.Query, Env: "API_KEY", Name: "api_key") },
    };

    [Theory]
    [MemberData(nameof(AuthKinds))]
    public void ParseProject_AuthKind_IsBound(string inline, HttpAuth expected)
    {
        var source = BindHttp($"[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://api.example.com\"\nauth = {inline}\n");

        Assert.Equal(expected, source.Auth);
    }

    [Fact]
    public void ParseProject_IncrementalWithoutPrimaryKey_WarnsAtTheKey()
    {
        var result = ManifestLoaderTests.Parse(Project + """
            [pipelines.t.source]
            connector = "http"
            base_url = "https://api.example.com"
            incremental = { field = "updated_at", param = "since" }
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal((7, 1), (warning.Line, warning.Column));
        Assert.Contains("changed records will be appended again", warning.Message, StringComparison.Ordinal);
        Assert.Contains("set primary_key", warning.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_IncrementalSubTableWithoutPrimaryKey_WarnsAtTheHeader()
    {
        var result = ManifestLoaderTests.Parse(Project + """
            [pipelines.t.source]
            connector = "http"
            base_url = "https://api.example.com"
            [pipelines.t.source.incremental]
            field = "updated_at"
            param = "since"
            """);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((7, 21), (warning.Line, warning.Column));
        Assert.Contains("has no primary_key", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("headers = { Authorization = \"Bearer abc123\" }", 29, "auth = { kind = \"bearer\", env = \"API_TOKEN\" }")]
    [InlineData("headers = { Authorization = \"Basic dXNlcjpwYXNz\" }", 29, "kind = \"basic\"")]
    [InlineData("headers = { \"X-Api-Key\" = \"abc123\" }", 27, "auth = { kind = \"header\", name = \"X-Api-Key\", env = \"API_TOKEN\" }")]
    [InlineData("params = { access_token = \"abc123\" }", 27, "auth = { kind = \"query\", name = \"access_token\", env = \"API_TOKEN\" }")]
    [InlineData("params = { key = \"abc123\" }", 18, "kind = \"query\"")]
    public void ParseProject_LiteralSecret_WarnsToUseAuth(string line, int column, string hint)
    {
        var result = ManifestLoaderTests.Parse(Project + "[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://api.example.com\"\n" + line + "\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal((7, column), (warning.Line, warning.Column));
        Assert.Contains("looks like a secret", warning.Message, StringComparison.Ordinal);
        Assert.Contains(hint, warning.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_OrdinaryHeadersAndParams_DoNotWarn()
    {
        var result = ManifestLoaderTests.Parse(Project + """
            [pipelines.t]
            primary_key = ["id"]
            [pipelines.t.source]
            connector = "http"
            base_url = "http://localhost:8080"
            params = { author = "octocat", sort = "updated" }
            headers = { Accept = "application/json", "User-Agent" = "hakiri" }
            incremental = { field = "updated_at", param = "since" }
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    private static readonly HttpSourceManifest Expected = new(
        "https://api.example.com/v2",
        "/tickets",
        "data.items",
        new Dictionary<string, string> { ["state"] = "all", ["per_page"] = "50", ["archived"] = "false" },
        new Dictionary<string, string> { ["X-Client"] = "hakiri", ["Accept"] = "application/json" },
        new HttpAuth(HttpAuthKind.Bearer, Env: "EXAMPLE_TOKEN"),
        new HttpPagination(HttpPaginationKind.Cursor, "meta.next", "cursor"),
        new HttpIncremental("updated_at", "since"),
        new HttpLimits(60, 3, 500));

    private static HttpSourceManifest BindHttp(string pipelines)
    {
        var result = ManifestLoaderTests.Parse(Project + pipelines);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return Assert.IsType<HttpSourceManifest>(Assert.Single(result.Value!.Pipelines).Source);
    }
}
