using Hakiri.Deploy.Aws.Api;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>
/// <c>hakiri deploy aws</c> of a project whose sources reach beyond the store, against moto_server: the plan shows the
/// source grants, the secret references, the VPC and the WebAssembly connector's capabilities, warns about a source variable no secret names, and the deployed
/// source steps carry the references, the VPC and the WebAssembly connector's module cache while the other functions
/// carry none of them.
/// </summary>
public sealed class DeploySourcesCommandTests : IDisposable
{
    private const string Stack = "hakiri-reach-dev";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly MotoServer _moto = new();
    private readonly TempDirectory _dir = new();

    private const string Manifest = """
        [project]
        name = "reach"

        [pipelines.events.source]
        connector = "s3"
        bucket = "acme-exports"
        prefix = "events/2026/"
        format = "ndjson"

        [pipelines.tickets.source]
        connector = "http"
        base_url = "https://api.example.com"
        auth = { kind = "bearer", env = "TICKETS_TOKEN" }

        [pipelines.issues.source]
        connector = "http"
        base_url = "https://api.example.com"
        path = "/issues"
        auth = { kind = "bearer", env = "ISSUES_TOKEN" }

        [connectors.payroll]
        path = "connectors/payroll"
        grant = ["http:payroll.example.com", "env:PAYROLL_TOKEN"]

        [pipelines.staff.source]
        connector = "payroll"

        [deploy.aws.secrets]
        TICKETS_TOKEN = "ssm:/hakiri/prod/tickets-token"
        PAYROLL_TOKEN = "ssm:/hakiri/prod/payroll-token"

        [deploy.aws.vpc]
        subnet_ids = ["subnet-0a1b2c3d"]
        security_group_ids = ["sg-0a1b2c3d"]
        """;

    [Fact]
    public async Task Deploy_Sources_PlanShowsTheirReach_AndTheSourceStepsGetSecretsAndVpc()
    {
        var zip = StandInLambdaPackage.Write(_dir.Combine("functions.zip"));

        var manifest = _dir.Write("project/hakiri.toml", Manifest);
        File.Copy(RepoPaths.Of("tests", "Hakiri.Infra.Aws.Tests", "Manifests", "connectors", "payroll", "connector.toml"), _dir.Write("project/connectors/payroll/connector.toml", string.Empty), overwrite: true);
        // Packaged, not run: the module's bytes only have to be there (the bundle test runs a real guest).
        File.WriteAllBytes(_dir.Combine("project", "connectors", "payroll", "payroll.wasm"), [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

        var plan = await HakiriAsync("deploy", "aws", "-m", manifest, "--asset", zip, "--no-mcp-url-output", "--plan");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("Sources (discover and pull-batch may read):", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("  s3:ListBucket on arn:aws:s3:::acme-exports with s3:prefix events/2026/*; s3:GetObject on arn:aws:s3:::acme-exports/events/2026/* — events", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("  TICKETS_TOKEN ← ssm:/hakiri/prod/tickets-token (ssm:GetParameter)", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("WebAssembly connectors (discover and pull-batch run them in their sandbox, with the Wasmtime layer):\n  payroll@0.1.0: http:payroll.example.com, env:PAYROLL_TOKEN — staff", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("VPC (discover and pull-batch): subnets subnet-0a1b2c3d; security groups sg-0a1b2c3d", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning: pipeline 'issues' reads ISSUES_TOKEN, which [deploy.aws] secrets does not name: it will be read from the function's environment, which the template does not set", plan.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("TICKETS_TOKEN, which", plan.Stderr, StringComparison.Ordinal);

        var created = await HakiriAsync("deploy", "aws", "-m", manifest, "--asset", zip, "--no-mcp-url-output");

        Assert.True(created.ExitCode == 0, created.ToString());
        using var http = new HttpClient();
        var cloudFormation = new CloudFormationClient(http, new AwsClientSettings(AwsEndpoint.For("cloudformation", "us-east-1", new Uri(_moto.Endpoint)), new AwsCredentials("testing", "testing")));
        Assert.Equal("CREATE_COMPLETE", (await cloudFormation.DescribeStackAsync(Stack))?.StackStatus);
        using var moto = new MotoApis(_moto.Endpoint);
        var functions = (await moto.LambdaFunctionsAsync()).Select(f => f!.AsObject()).ToDictionary(f => (string)f["Handler"]!, StringComparer.Ordinal);
        foreach (var step in new[] { "discover", "pull-batch" })
        {
            Assert.Equal("PAYROLL_TOKEN=ssm:/hakiri/prod/payroll-token;TICKETS_TOKEN=ssm:/hakiri/prod/tickets-token", (string?)functions[step]["Environment"]!["Variables"]!["HAKIRI_SECRETS"]);
            Assert.Equal("/tmp/hakiri/wasm", (string?)functions[step]["Environment"]!["Variables"]!["HAKIRI_WASM_CACHE"]);
            Assert.Equal("[\"subnet-0a1b2c3d\"]", functions[step]["VpcConfig"]!["SubnetIds"]!.ToJsonString());
        }

        foreach (var other in new[] { "write", "compact", "index", "mcp" })
        {
            Assert.Null(functions[other]["Environment"]!["Variables"]!["HAKIRI_SECRETS"]);
            Assert.Null(functions[other]["Environment"]!["Variables"]!["HAKIRI_WASM_CACHE"]);
            Assert.Null(functions[other]["VpcConfig"]);
        }
    }

    public void Dispose()
    {
        _moto.Dispose();
        _dir.Dispose();
    }

    private Task<ProcessResult> HakiriAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("dotnet", [RepoPaths.Of("functions", "Hakiri.Cli", "bin", "Debug", "net9.0", "hakiri.dll"), .. arguments], timeout: Timeout,
            environment: new Dictionary<string, string>(_moto.Environment, StringComparer.Ordinal)
            {
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_SHARED_CREDENTIALS_FILE"] = _dir.Combine("no-credentials"),
                ["AWS_CONFIG_FILE"] = _dir.Combine("no-config"),
            });
}
