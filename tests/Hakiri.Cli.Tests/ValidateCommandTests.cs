using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_Quickstart_PrintsPipelinesAndExitsZero()
    {
        var result = await CliRunner.RunAsync("validate", RepoPaths.Of("samples", "quickstart", "hakiri.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok — project 'quickstart'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("orders → table orders: file csv 'data/orders/*.csv', rate(1 hour)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Validate_WasmConnectorSource_DescribesConnectorVersionAndGrants()
    {
        using var dir = new TempDirectory();
        dir.Write("connectors/payroll/connector.toml",
            "name = \"payroll-api\"\nversion = \"1.2.0\"\nkind = \"source\"\nwasm = \"payroll.wasm\"\n[capabilities]\nhttp = [\"payroll.internal.example\"]\nclock = true\n");
        var path = dir.Write("hakiri.toml", """
            [project]
            name = "p"
            [connectors.payroll]
            path = "connectors/payroll"
            grant = ["http:payroll.internal.example", "clock"]
            [pipelines.staff.source]
            connector = "payroll"
            company = "acme"
            """);

        var result = await CliRunner.RunAsync("validate", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("staff → table staff: wasm connector 'payroll' payroll-api@1.2.0, grants http:payroll.internal.example, clock, on demand", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Validate_SecretNoSourceReads_WarnsAndExitsZero()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("hakiri.toml", """
            [project]
            name = "p"
            [pipelines.tickets.source]
            connector = "http"
            base_url = "https://api.example.com"
            auth = { kind = "bearer", env = "TICKETS_TOKEN" }
            [deploy.aws.secrets]
            TICKETS_TOKEN = "ssm:/hakiri/prod/tickets-token"
            TICKET_TOKEN = "secretsmanager:prod/typo"
            """);

        var result = await CliRunner.RunAsync("validate", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"{path}: warning: [deploy.aws] secrets names TICKET_TOKEN (secretsmanager:prod/typo), which no pipeline's source reads — remove it, or fix the variable's name: the deployed functions may read that secret for nothing",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task Validate_BadManifest_PrintsEveryErrorAndExitsTwo()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("hakiri.toml", "[project]\nname = \"p\"\nstroe = \"x\"\n[pipelines.t]\nschedule = \"hourly\"\n");

        var result = await CliRunner.RunAsync("validate", path);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{path}:3:1: error: unknown key 'stroe' in [project] — did you mean 'store'?", lines[0]);
        Assert.StartsWith($"{path}:4:1: error: [pipelines.t] has no 'source'", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{path}:5:12: error: 'schedule' in [pipelines.t] is not valid: 'hourly'", lines[2], StringComparison.Ordinal);
        Assert.Equal("3 errors.", lines[^1]);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Validate_TomlSyntaxError_IsLocatedNotAStackTrace()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("hakiri.toml", "[project]\nname = \"unterminated\n");

        var result = await CliRunner.RunAsync("validate", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{path}:2:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        using var dir = new TempDirectory();

        var result = await CliRunner.RunAsync("validate", dir.Combine("nope.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read the file: no such file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConnectorManifest_IsRecognisedByName()
    {
        var result = await CliRunner.RunAsync("validate", RepoPaths.Of("templates", "connector", "connector.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("source connector 'example-api' 0.1.0, http: api.example.com, *.cdn.example.com:443", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_KindOptionOverridesFileName()
    {
        var result = await CliRunner.RunAsync("validate", "--kind", "project", RepoPaths.Of("templates", "connector", "connector.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown key 'name' in the manifest", result.Stderr, StringComparison.Ordinal);
    }
}
