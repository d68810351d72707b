using Hakiri.Testing;

namespace Hakiri.Manifest.Tests.Schema;

public sealed class ManifestSchemasTests
{
    private static readonly string ToolsDirectory = RepoPaths.Of("tests", "tools");

    [Theory]
    [InlineData("manifest")]
    [InlineData("connector")]
    public void Schema_MatchesGoldenFile(string kind)
    {
        var actual = kind == "manifest" ? ManifestSchemas.Project() : ManifestSchemas.Connector();
        var golden = RepoPaths.Of("tests", "Hakiri.Manifest.Tests", "Golden", $"{kind}.schema.json");
        if (Environment.GetEnvironmentVariable("HAKIRI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.True(File.Exists(golden), $"{golden} is missing; run the tests once with HAKIRI_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(golden), actual);
    }

    [Fact]
    public async Task ProjectSchema_SampleManifests_SatisfyAnIndependentValidator()
    {
        var result = await ValidateAsync(ManifestSchemas.Project(),
            RepoPaths.Of("samples", "quickstart", "hakiri.toml"), RepoPaths.Of("templates", "init", "hakiri.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.Stdout.Split('\n').Count(l => l.EndsWith(": valid", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ProjectSchema_HttpAndGitHubSources_SatisfyAnIndependentValidator()
    {
        using var dir = new TempDirectory();
        var inline = dir.Write("inline.toml", """
            [project]
            name = "p"
            [pipelines.tickets.source]
            connector = "http"
            base_url = "https://api.example.com/v2"
            path = "/tickets"
            records = "data"
            params = { state = "all", per_page = 50, archived = false }
            headers = { "X-Client" = "hakiri" }
            auth = { kind = "header", name = "X-Api-Key", env = "EXAMPLE_KEY" }
            pagination = { kind = "page", param = "page", limit_param = "per_page", limit = 50 }
            incremental = { field = "updated_at", param = "since" }
            [pipelines.issues.source]
            connector = "github"
            repository = "octo-org/octo-repo"
            resource = "commits"
            """);
        var subTables = dir.Write("sub-tables.toml", """
            [project]
            name = "p"
            [pipelines.t.source]
            connector = "http"
            base_url = "http://localhost:8080"
            [pipelines.t.source.auth]
            kind = "basic"
            env_user = "API_USER"
            env_password = "API_PASSWORD"
            [pipelines.t.source.pagination]
            kind = "cursor"
            field = "meta.next"
            param = "cursor"
            """);

        var result = await ValidateAsync(ManifestSchemas.Project(), inline, subTables);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task ProjectSchema_CursorWithoutParam_IsRejectedByTheIndependentValidator()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("hakiri.toml",
            "[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"http\"\nbase_url = \"https://x.example\"\npagination = { kind = \"cursor\", field = \"next\" }\n");

        var result = await ValidateAsync(ManifestSchemas.Project(), bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("must have required property 'param'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorSchema_Template_SatisfiesAnIndependentValidator()
    {
        var result = await ValidateAsync(ManifestSchemas.Connector(), RepoPaths.Of("templates", "connector", "connector.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task ProjectSchema_WasmConnectorSource_SatisfiesAnIndependentValidator()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", """
            [project]
            name = "p"
            [connectors.payroll]
            path = "connectors/payroll"
            grant = ["http:*.internal.example:443", "env:PAYROLL_TOKEN", "clock"]
            [pipelines.staff.source]
            connector = "payroll"
            company = "acme"
            page_size = 500
            regions = ["eu"]
            filter = { team = "ops" }
            """);

        var result = await ValidateAsync(ManifestSchemas.Project(), manifest);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("[connectors.file]\npath = \"c\"\n", "property name must be valid")]
    [InlineData("[connectors.payroll]\npath = \"c\"\ngrant = [\"net:x\"]\n", "must match pattern")]
    [InlineData("[pipelines.t.source]\nconnector = \"file\"\npath = \"x.csv\"\nextra = 1\n", "must match exactly one schema in oneOf")]
    public async Task ProjectSchema_WasmConnectorMistakes_AreRejectedByTheIndependentValidator(string toml, string fragment)
    {
        using var dir = new TempDirectory();
        var pipeline = toml.Contains("[pipelines", StringComparison.Ordinal) ? string.Empty : "[pipelines.t.source]\nconnector = \"file\"\npath = \"x.csv\"\n";
        var bad = dir.Write("hakiri.toml", "[project]\nname = \"p\"\n" + toml + pipeline);

        var result = await ValidateAsync(ManifestSchemas.Project(), bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(fragment, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectSchema_ManifestWithUnknownKey_IsRejectedByTheIndependentValidator()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("hakiri.toml", "[project]\nname = \"p\"\n[pipelines.t]\nshedule = \"rate(1 hour)\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"x.csv\"\n");

        var result = await ValidateAsync(ManifestSchemas.Project(), bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("must NOT have additional properties", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<ProcessResult> ValidateAsync(string schema, params string[] files)
    {
        Assert.True(Directory.Exists(Path.Combine(ToolsDirectory, "node_modules", "ajv")),
            "The test tools are not installed: run scripts/test.sh, or 'npm ci' in tests/tools.");
        using var dir = new TempDirectory();
        var schemaPath = dir.Write("schema.json", schema);
        return await ExternalProcess.RunAsync("node", [Path.Combine(ToolsDirectory, "validate-schema.mjs"), schemaPath, .. files]);
    }
}
