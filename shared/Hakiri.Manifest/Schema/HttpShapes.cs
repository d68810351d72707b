namespace Hakiri.Manifest.Schema;

/// <summary>The shapes of the built-in <c>http</c> and <c>github</c> sources.</summary>
internal static class HttpShapes
{
    public static readonly string[] AuthKinds = ["none", "bearer", "basic", "header", "query"];

    public static readonly string[] PaginationKinds = ["none", "link", "next_url", "cursor", "offset", "page"];

    public static readonly string[] GitHubResources = ["issues", "pulls", "commits", "releases", "issue_comments"];

    private const string UrlHint = "write an absolute http:// or https:// URL such as https://api.example.com/v2, without a query string "
        + "(fixed query parameters go in params) and without credentials (use auth)";

    public static TableShape Http { get; } = BuildHttp();

    public static TableShape GitHub { get; } = BuildGitHub();

    private static TableShape BuildHttp() => new("The built-in http connector: records paged out of a JSON REST API.",
    [
        Connector("http"),
        new FieldShape("base_url", new StringShape("The API's base URL; path is appended to it.")
        {
            Pattern = Names.HttpUrlPattern,
            PatternHint = UrlHint,
            Examples = ["https://api.example.com/v2"],
        }) { Required = true, Example = "base_url = \"https://api.example.com/v2\"" },
        new FieldShape("path", new StringShape("The resource path appended to base_url, starting with /.")
        {
            Pattern = @"^(/[^\s?#]*)?$",
            PatternHint = "start it with / (e.g. /tickets) and leave the query string out (fixed query parameters go in params)",
            Default = string.Empty,
            Examples = ["/tickets"],
        }) { Example = "path = \"/tickets\"" },
        new FieldShape("records", new StringShape("Dotted path to the array of records in the JSON body; empty when the body is the array.")
        {
            Pattern = @"^([^.\s]+(\.[^.\s]+)*)?$",
            PatternHint = "write dot-separated field names such as data or result.items, or leave records out when the body is the array",
            Default = string.Empty,
            Examples = ["data", "result.items"],
        }) { Example = "records = \"data\"" },
        new FieldShape("params", new DictionaryShape("Fixed query parameters sent with every request; integers and booleans are sent as text.",
            new ScalarShape("A parameter value."))
        {
            KeyPattern = Names.QueryParameterPattern,
            KeyHint = "a query parameter name cannot contain spaces, &, =, ? or #",
        }) { Example = "params = { state = \"all\" }" },
        new FieldShape("headers", new DictionaryShape("Fixed request headers; they are not secret (secrets go through auth).",
            new StringShape("A header value."))
        {
            KeyPattern = Names.HeaderNamePattern,
            KeyHint = "a header name is letters, digits and !#$%&'*+.^_`|~- (no spaces or colons)",
        }) { Example = "headers = { \"X-Client\" = \"hakiri\" }" },
        new FieldShape("auth", Auth()) { Example = "auth = { kind = \"bearer\", env = \"API_TOKEN\" }" },
        new FieldShape("pagination", Pagination()) { Example = "pagination = { kind = \"link\" }" },
        new FieldShape("incremental", new TableShape(
            "An incremental cursor: the largest value of field seen is sent as param on the next run, so only changed records are pulled.",
        [
            new FieldShape("field", FieldPath("Dotted path in each record to the cursor value.", "updated_at")) { Required = true, Example = "field = \"updated_at\"" },
            new FieldShape("param", Parameter("The query parameter the stored value is sent as.", "since")) { Required = true, Example = "param = \"since\"" },
        ])) { Example = "incremental = { field = \"updated_at\", param = \"since\" }" },
        .. Limits(),
    ]);

    private static TableShape BuildGitHub() => new("The built-in github connector: one repository's issues, pull requests, commits, releases or comments.",
    [
        Connector("github"),
        new FieldShape("repository", new StringShape("The repository, as owner/name.")
        {
            Pattern = Names.GitHubRepositoryPattern,
            PatternHint = "write owner/name such as octo-org/octo-repo (not a URL)",
            Examples = ["octo-org/octo-repo"],
        }) { Required = true, Example = "repository = \"octo-org/octo-repo\"" },
        new FieldShape("resource", new StringShape("What to pull.") { Values = GitHubResources, Default = "issues" }) { Example = "resource = \"issues\"" },
        new FieldShape("token_env", new StringShape("The environment variable holding the token; when it is unset at run time, requests are unauthenticated.")
        {
            Pattern = Names.EnvironmentPattern,
            PatternHint = Names.EnvironmentHint,
            Default = "GITHUB_TOKEN",
        }) { Example = "token_env = \"GITHUB_TOKEN\"" },
        new FieldShape("api_url", new StringShape("The API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.")
        {
            Pattern = Names.HttpUrlPattern,
            PatternHint = "write https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server",
            Default = "https://api.github.com",
            Examples = ["https://api.github.com", "https://github.example.com/api/v3"],
        }) { Example = "api_url = \"https://api.github.com\"" },
        .. Limits(),
    ]);

    private static UnionShape Auth() => new("How requests authenticate; `kind` selects the scheme (default none). Secrets are read from environment variables at run time.",
        "kind",
        new Dictionary<string, TableShape>(StringComparer.Ordinal)
        {
            ["none"] = new("No credentials.", [Kind("none")]),
            ["bearer"] = new("Authorization: Bearer <token>, the token read from env.",
                [Kind("bearer"), Env("env", "The variable holding the token.")]),
            ["basic"] = new("Authorization: Basic base64(user:password), both read from the environment.",
            [
                Kind("basic"),
                Env("env_user", "The variable holding the user name.", "API_USER"),
                Env("env_password", "The variable holding the password.", "API_PASSWORD"),
            ]),
            ["header"] = new("A named header carrying the secret read from env.",
            [
                Kind("header"),
                new FieldShape("name", new StringShape("The header name.") { Pattern = Names.HeaderNamePattern, PatternHint = "write a header name such as X-Api-Key" })
                {
                    Required = true,
                    Example = "name = \"X-Api-Key\"",
                },
                Env("env", "The variable holding the header's value."),
            ]),
            ["query"] = new("A named query parameter carrying the secret read from env.",
            [
                Kind("query"),
                new FieldShape("name", Parameter("The query parameter name.", "api_key")) { Required = true, Example = "name = \"api_key\"" },
                Env("env", "The variable holding the parameter's value."),
            ]),
        });

    private static UnionShape Pagination() => new("How the API pages; `kind` selects the style (default none: one request).",
        "kind",
        new Dictionary<string, TableShape>(StringComparer.Ordinal)
        {
            ["none"] = new("One request returns everything.", [Kind("none")]),
            ["link"] = new("Follow the RFC 8288 Link header's rel=\"next\" URL.", [Kind("link")]),
            ["next_url"] = new("Follow the next page's URL named in the body.",
                [Kind("next_url"), new FieldShape("field", FieldPath("Dotted path in the body to the next page's URL.", "links.next")) { Required = true, Example = "field = \"next\"" }]),
            ["cursor"] = new("Send the cursor named in the body back as a query parameter.",
            [
                Kind("cursor"),
                new FieldShape("field", FieldPath("Dotted path in the body to the next cursor.", "meta.next_cursor")) { Required = true, Example = "field = \"next_cursor\"" },
                new FieldShape("param", Parameter("The query parameter the cursor is sent as.", "cursor")) { Required = true, Example = "param = \"cursor\"" },
            ]),
            ["offset"] = new("Advance an offset parameter by the number of records received.",
            [
                Kind("offset"),
                new FieldShape("param", Parameter("The query parameter carrying the offset.", "offset")) { Required = true, Example = "param = \"offset\"" },
                new FieldShape("start", new IntegerShape("The first offset.", 0, 1_000_000_000) { Default = 0 }) { Example = "start = 0" },
                new FieldShape("limit_param", Parameter("The query parameter carrying the page size, if the API takes one.", "limit")) { Example = "limit_param = \"limit\"" },
                new FieldShape("limit", PageSize()) { Required = true, Example = "limit = 100" },
            ]),
            ["page"] = new("Advance a page number parameter by one.",
            [
                Kind("page"),
                new FieldShape("param", Parameter("The query parameter carrying the page number.", "page")) { Required = true, Example = "param = \"page\"" },
                new FieldShape("start", new IntegerShape("The first page number.", 0, 1_000_000_000) { Default = 1 }) { Example = "start = 1" },
                new FieldShape("limit_param", Parameter("The query parameter carrying the page size, if the API takes one.", "per_page"))
                {
                    Example = "limit_param = \"per_page\"",
                    Requires = "limit",
                },
                new FieldShape("limit", PageSize()) { Example = "limit = 100" },
            ]),
        });

    private static FieldShape Connector(string name) =>
        new("connector", new StringShape("The connector that reads the source.") { Values = [name] }) { Required = true };

    private static FieldShape Kind(string name) => new("kind", new StringShape("The variant.") { Values = [name] }) { Required = true };

    private static FieldShape Env(string key, string description, string example = "API_TOKEN") => new(key, new StringShape(description)
    {
        Pattern = Names.EnvironmentPattern,
        PatternHint = Names.EnvironmentHint,
        Examples = [example],
    }) { Required = true, Example = $"{key} = \"{example}\"" };

    private static StringShape FieldPath(string description, string example) => new(description)
    {
        Pattern = Names.FieldPathPattern,
        PatternHint = "write dot-separated field names such as updated_at or meta.next",
        Examples = [example],
    };

    private static StringShape Parameter(string description, string example) => new(description)
    {
        Pattern = Names.QueryParameterPattern,
        PatternHint = "write a query parameter name without spaces, &, =, ? or #",
        Examples = [example],
    };

    private static IntegerShape PageSize() => new("The page size to ask for; with offset, also how far the offset advances.", 1, 100_000);

    private static FieldShape[] Limits() =>
    [
        new FieldShape("timeout_seconds", new IntegerShape("Timeout of one request, in seconds.", 1, 900) { Default = 30 }) { Example = "timeout_seconds = 30" },
        new FieldShape("max_retries", new IntegerShape("Retries of one request on 5xx, connection resets, timeouts and 429 before the run fails.", 0, 20)
        {
            Default = 5,
        }) { Example = "max_retries = 5" },
        new FieldShape("max_pages", new IntegerShape("Pages one run may fetch before it stops with an error (a guard against pagination loops).", 1, 10_000_000)
        {
            Default = 100_000,
        }) { Example = "max_pages = 100000" },
    ];
}
