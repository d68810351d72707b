using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Manifest.Tests;

/// <summary>[connectors.NAME] tables, their grants, and pipelines whose source is a declared WebAssembly connector.</summary>
public sealed class WasmConnectorManifestTests : IDisposable
{
    private const string Connector = """
        name = "payroll-api"
        version = "1.2.0"
        kind = "source"
        wasm = "payroll.wasm"

        [capabilities]
        http = ["payroll.internal.example"]
        env = ["PAYROLL_TOKEN"]
        clock = true
        """;

    private const string Declaration = """
        [project]
        name = "p"

        [connectors.payroll]
        path = "connectors/payroll"
        grant = ["http:payroll.internal.example", "env:PAYROLL_TOKEN", "clock"]

        """;

    private const string Pipeline = """
        [pipelines.staff.source]
        connector = "payroll"
        company = "acme"
        """;

    private readonly TempDirectory _dir = new();

    public WasmConnectorManifestTests() => _dir.Write("connectors/payroll/connector.toml", Connector);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadProject_DeclaredConnector_BindsReferenceGrantsAndConfig()
    {
        var result = Load(Declaration + Pipeline + """

            page_size = 500
            ratio = 1.0
            active = true
            since = 2026-01-31
            regions = ["eu", "us"]
            filter = { team = "ops", levels = [1, 2] }
            [pipelines.staff.source.nested]
            deep = "é"
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var reference = Assert.Single(result.Value!.Connectors);
        Assert.Equal(("payroll", _dir.Combine("connectors", "payroll")), (reference.Name, reference.Directory));
        Assert.Equal("payroll-api@1.2.0", reference.Identity);
        Assert.Equal(["http:payroll.internal.example", "env:PAYROLL_TOKEN", "clock"], reference.Granted.ToGrants());
        var source = Assert.IsType<WasmSourceManifest>(result.Value.Pipelines[0].Source);
        Assert.Same(reference, source.Reference);
        Assert.Equal("payroll", source.Connector);
        Assert.Equal(new Dictionary<string, string>
        {
            ["company"] = "acme",
            ["page_size"] = "500",
            ["ratio"] = "1.0",
            ["active"] = "true",
            ["since"] = "2026-01-31",
            ["regions"] = "[\"eu\",\"us\"]",
            ["filter"] = "{\"team\":\"ops\",\"levels\":[1,2]}",
            ["nested"] = "{\"deep\":\"é\"}",
        }, source.Config);
    }

    [Fact]
    public void LoadProject_GrantMissingCapabilities_OneErrorAtGrantListingThemAll()
    {
        var result = Load(Declaration.Replace("\"env:PAYROLL_TOKEN\", \"clock\"", string.Empty, StringComparison.Ordinal)
            .Replace("payroll.internal.example\", ", "payroll.internal.example\"", StringComparison.Ordinal) + Pipeline);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((6, 1), (error.Line, error.Column));
        Assert.Contains("connector 'payroll' asks for 2 capabilities that [connectors.payroll] does not grant: env:PAYROLL_TOKEN, clock", error.Message, StringComparison.Ordinal);
        Assert.Equal("add them to the grant: grant = [\"http:payroll.internal.example\", \"env:PAYROLL_TOKEN\", \"clock\"]", error.Hint);
    }

    [Fact]
    public void LoadProject_NoGrantAtAll_ErrorAtTheTable()
    {
        var result = Load(Declaration.Replace("grant = [\"http:payroll.internal.example\", \"env:PAYROLL_TOKEN\", \"clock\"]\n", string.Empty, StringComparison.Ordinal) + Pipeline);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Contains("asks for 3 capabilities", error.Message, StringComparison.Ordinal);
        Assert.Contains("http:payroll.internal.example, env:PAYROLL_TOKEN, clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadProject_WildcardGrant_CoversTheAskedHost()
    {
        var result = Load(Declaration.Replace("http:payroll.internal.example", "http:*.internal.example", StringComparison.Ordinal) + Pipeline);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void LoadProject_GrantNotAskedFor_Warns()
    {
        var result = Load(Declaration.Replace("\"clock\"]", "\"clock\", \"env:OTHER\", \"http:other.example:8443\"]", StringComparison.Ordinal) + Pipeline);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var warnings = result.Diagnostics.Where(d => !d.IsError).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Equal((6, 73), (warnings[0].Line, warnings[0].Column));
        Assert.Contains("grants 'env:OTHER', which the connector does not ask for", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("'http:other.example:8443'", warnings[1].Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int, int, string> Errors => new()
    {
        { "unknown grant form", "grant = [\"net:payroll.internal.example\"]", 6, 10, "write http:HOST (api.example.com, *.example.com, optionally :PORT), env:NAME or clock" },
        { "bad env name", "grant = [\"env:1TOKEN\"]", 6, 10, "env:NAME or clock" },
        { "bad host", "grant = [\"http:*\"]", 6, 16, "'*' in the grant of [connectors.payroll] is not a host pattern" },
        { "bad port", "grant = [\"http:payroll.internal.example:99999\"]", 6, 16, "is not a host pattern" },
        { "missing folder", "path = \"connectors/nope\"", 5, 8, "the folder 'connectors/nope' of [connectors.payroll] does not exist" },
        { "folder without connector.toml", "path = \"connectors\"", 5, 8, "the folder 'connectors' of [connectors.payroll] holds no connector.toml" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void LoadProject_MalformedDeclaration_ReportsLocatedError(string name, string replacement, int line, int column, string fragment)
    {
        var key = replacement.Split(' ')[0];
        var lines = Declaration.Split('\n').Select(l => l.StartsWith(key + " ", StringComparison.Ordinal) ? replacement : l);

        var result = Load(string.Join('\n', lines) + Pipeline);

        AssertError(result, name, "hakiri.toml", line, column, fragment);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("s3")]
    public void LoadProject_ConnectorShadowsBuiltIn_IsAnError(string builtIn)
    {
        var result = Load(Declaration.Replace("[connectors.payroll]", $"[connectors.{builtIn}]", StringComparison.Ordinal) + Pipeline);

        AssertError(result, "shadow", "hakiri.toml", 4, 13, $"the name '{builtIn}' in [connectors] is taken — file, http, github, postgres, s3 are built-in connectors");
    }

    [Theory]
    [InlineData("payrol", "did you mean 'payroll'? (built-in connectors are file, http, github, postgres, s3; declared: payroll)")]
    [InlineData("zzz", "built-in connectors are file, http, github, postgres, s3; declared: payroll")]
    public void LoadProject_UnknownConnector_ListsBuiltInsAndDeclared(string name, string hint)
    {
        var result = Load(Declaration + Pipeline.Replace("\"payroll\"", $"\"{name}\"", StringComparison.Ordinal));

        AssertError(result, name, "hakiri.toml", 8, 13, $"unknown connector '{name}' in [pipelines.staff.source] — {hint}");
    }

    [Fact]
    public void LoadProject_DestinationConnectorAsSource_IsAnError()
    {
        _dir.Write("connectors/payroll/connector.toml", Connector.Replace("kind = \"source\"", "kind = \"destination\"", StringComparison.Ordinal));

        var result = Load(Declaration + Pipeline);

        AssertError(result, "destination", "hakiri.toml", 8, 13, "connector 'payroll' of pipeline 'staff' is a destination");
    }

    [Fact]
    public void LoadProject_BrokenConnectorToml_ErrorLocatedInConnectorToml()
    {
        _dir.Write("connectors/payroll/connector.toml", Connector.Replace("version = \"1.2.0\"", "version = \"1.2\"", StringComparison.Ordinal));

        var result = Load(Declaration + Pipeline);

        AssertError(result, "connector.toml", Path.Combine(_dir.Path, "connectors", "payroll", "connector.toml"), 2, 11, "use a semantic version");
        Assert.DoesNotContain(result.Diagnostics, d => d.File.EndsWith("hakiri.toml", StringComparison.Ordinal) && d.IsError);
    }

    [Fact]
    public void LoadProject_MissingWasmFile_StillLoads()
    {
        Assert.False(File.Exists(_dir.Combine("connectors", "payroll", "payroll.wasm")));

        var result = Load(Declaration + Pipeline);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(_dir.Combine("connectors", "payroll", "payroll.wasm"), result.Value!.Connectors[0].Manifest.WasmPath);
    }

    private LoadResult<ProjectManifest> Load(string toml) => ManifestLoader.LoadProject(_dir.Write("hakiri.toml", toml));

    private static void AssertError(LoadResult<ProjectManifest> result, string name, string file, int line, int column, string fragment)
    {
        Assert.False(result.Succeeded, name);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        var error = errors.FirstOrDefault(d => (d.Line, d.Column) == (line, column) && d.File.EndsWith(Path.GetFileName(file), StringComparison.Ordinal));
        Assert.True(error is not null, $"{name}: expected an error at {file}:{line}:{column}, got {string.Join(" | ", errors)}");
        Assert.True(error.ToString().Contains(fragment, StringComparison.Ordinal), $"{name}: expected '{fragment}' in {error}");
    }
}
