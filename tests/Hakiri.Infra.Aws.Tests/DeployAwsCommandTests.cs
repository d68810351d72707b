using System.Text.Json.Nodes;
using Hakiri.Deploy.Aws.Api;
using Hakiri.Emit.Asl;
using Hakiri.Manifest;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>
/// <c>hakiri deploy aws</c> and <c>hakiri destroy aws</c> end to end against moto_server on 127.0.0.1: the CLI
/// synthesizes with the CDK app, publishes the assets, deploys through change sets and follows the stack.
/// </summary>
public sealed class DeployAwsCommandTests : IDisposable
{
    private const string Stack = "hakiri-quickstart-dev";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly MotoServer _moto = new();
    private readonly TempDirectory _dir = new();
    private readonly string _zip;
    private readonly string _manifest;

    public DeployAwsCommandTests()
    {
        _zip = StandInLambdaPackage.Write(_dir.Combine("functions.zip"));

        using var project = Samples.CopyQuickstart();
        _manifest = _dir.Write("project/hakiri.toml", File.ReadAllText(project.Combine("hakiri.toml")));
        Directory.CreateDirectory(_dir.Combine("project", "data"));
    }

    private static string Cli => RepoPaths.Of("functions", "Hakiri.Cli", "bin", "Debug", "net9.0", "hakiri.dll");

    [Fact]
    public async Task Deploy_CreatesTheStack_UpdatesItThroughAChangeSet_AndDestroyRemovesIt()
    {
        // Create.
        var created = await HakiriAsync("deploy", "aws", "-m", _manifest, "--asset", _zip, "--no-mcp-url-output");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("35 to add, 0 to change, 0 to remove.", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ Store1D2A845B", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("CREATE_COMPLETE", created.Stdout, StringComparison.Ordinal);

        using var http = new HttpClient();
        var cloudFormation = CloudFormation(http);
        var stack = await cloudFormation.DescribeStackAsync(Stack);
        Assert.Equal("CREATE_COMPLETE", stack?.StackStatus);
        Assert.Contains(new StackTag("hakiri:project", "quickstart"), stack!.Tags);
        var resources = await cloudFormation.ListStackResourcesAsync(Stack);

        using var moto = new MotoApis(_moto.Endpoint);
        var functions = (await moto.LambdaFunctionsAsync()).Select(f => f!.AsObject()).ToList();
        Assert.Equal(["compact", "discover", "index", "mcp", "pull-batch", "write"], functions.Select(f => (string)f["Handler"]!).Order(StringComparer.Ordinal));
        Assert.All(functions, f => Assert.Equal(1024, (int)f["MemorySize"]!));

        // The state machine runs exactly the emitted definition, with the deployed functions' ARNs in place of the placeholders.
        var machineArn = Physical(resources, "AWS::StepFunctions::StateMachine");
        var machine = await moto.StepFunctionsAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machineArn });
        var expected = PipelineStateMachine.Write(PipelineStateMachine.Build(ManifestLoader.LoadProject(_manifest).Value!));
        foreach (var function in functions.Where(f => (string)f["Handler"]! != "mcp"))
        {
            expected = expected.Replace(StepResources.Placeholder((string)function["Handler"]!), (string)function["FunctionArn"]!, StringComparison.Ordinal);
        }

        Assert.Equal(expected, (string?)machine["definition"]);

        // Bucket and schedules.
        var bucket = Physical(resources, "AWS::S3::Bucket");
        var rules = (await moto.EventsAsync("ListRules", []))["Rules"]!.AsArray().Select(r => (string)r!["ScheduleExpression"]!).Order(StringComparer.Ordinal);
        Assert.Equal(["cron(0 6 * * ? *)", "rate(1 hour)"], rules);
        using var s3 = S3();
        Assert.Contains(bucket, (await s3.ListBucketsAsync()).Buckets.Select(b => b.BucketName));
        // moto skips AWS::Lambda::Url (see docs/deploy-aws.md): the template declares it, moto does not create it.
        Assert.Contains(resources, r => r.ResourceType == "AWS::Lambda::Function" && r.LogicalResourceId.StartsWith("McpFunction", StringComparison.Ordinal));

        // Deploying the same thing again changes nothing.
        var again = await HakiriAsync("deploy", "aws", "-m", _manifest, "--asset", _zip, "--no-mcp-url-output");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("No changes: stack hakiri-quickstart-dev is up to date.", again.Stdout, StringComparison.Ordinal);

        // A manifest change: --plan shows it and changes nothing; deploy applies it through an UPDATE change set.
        File.AppendAllText(_manifest, "\n[deploy.aws]\nmemory_mb = 2048\n");
        var plan = await HakiriAsync("deploy", "aws", "-m", _manifest, "--asset", _zip, "--no-mcp-url-output", "--plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("~ DiscoverFunction", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 6 to change, 0 to remove.", plan.Stdout, StringComparison.Ordinal);
        Assert.All(await moto.LambdaFunctionsAsync(), f => Assert.Equal(1024, (int)f!["MemorySize"]!));

        var updated = await HakiriAsync("deploy", "aws", "-m", _manifest, "--asset", _zip, "--no-mcp-url-output");
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Equal("UPDATE_COMPLETE", (await cloudFormation.DescribeStackAsync(Stack))?.StackStatus);
        Assert.All(await moto.LambdaFunctionsAsync(), f => Assert.Equal(2048, (int)f!["MemorySize"]!));
        // The updated functions carry the DuckDB layer's version ARN (moto records Layers on update, not on create).
        Assert.All(await moto.LambdaFunctionsAsync(), f => Assert.Matches(@"^arn:aws:lambda:us-east-1:\d{12}:layer:[\w-]+:1$", (string?)Assert.Single(f!["Layers"]!.AsArray())!["Arn"]));

        // Destroy: needs --yes without a terminal; removes the stack and keeps the store bucket.
        var refused = await HakiriAsync("destroy", "aws", "-m", _manifest);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("pass --yes", refused.Stderr, StringComparison.Ordinal);
        var destroyed = await HakiriAsync("destroy", "aws", "-m", _manifest, "--yes");
        Assert.True(destroyed.ExitCode == 0, destroyed.ToString());
        Assert.Contains($"Kept bucket {bucket}", destroyed.Stdout, StringComparison.Ordinal);
        Assert.Null(await cloudFormation.DescribeStackAsync(Stack));
        Assert.Contains(bucket, (await s3.ListBucketsAsync()).Buckets.Select(b => b.BucketName));
        var nothing = await HakiriAsync("destroy", "aws", "-m", _manifest, "--yes");
        Assert.Contains("nothing to destroy", nothing.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ForANewStack_ListsEveryResourceAndCreatesNothing()
    {
        var plan = await HakiriAsync("deploy", "aws", "-m", _manifest, "--asset", _zip, "--no-mcp-url-output", "--plan");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("+ Pipelines493DC7C6", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("35 to add, 0 to change, 0 to remove.", plan.Stdout, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Null(await CloudFormation(http).DescribeStackAsync(Stack));
        using var s3 = S3();
        Assert.Empty((await s3.ListBucketsAsync()).Buckets ?? []);
    }

    [Theory]
    [InlineData("no credentials", "no AWS credentials found. Set AWS_ACCESS_KEY_ID")]
    [InlineData("unknown profile", "no AWS profile named 'nope'")]
    [InlineData("unknown region", "is not an AWS region")]
    [InlineData("no region", "no AWS region is set — pass --region")]
    [InlineData("unreachable endpoint", "127.0.0.1:9")]
    [InlineData("malformed endpoint", "is not an http(s) URL")]
    [InlineData("node missing", "`node` is not on PATH")]
    public async Task BadInput_ExitsTwoWithOneSentence_AndDeploysNothing(string problem, string expected)
    {
        var environment = MotoEnvironment();
        List<string> arguments = ["deploy", "aws", "-m", _manifest, "--asset", _zip, "--no-mcp-url-output"];
        switch (problem)
        {
            case "no credentials":
                environment["AWS_ACCESS_KEY_ID"] = string.Empty;
                environment["AWS_SECRET_ACCESS_KEY"] = string.Empty;
                environment["AWS_PROFILE"] = string.Empty;
                break;
            case "unknown profile":
                arguments.AddRange(["--profile", "nope"]);
                break;
            case "no region":
                environment["AWS_REGION"] = string.Empty;
                environment["AWS_DEFAULT_REGION"] = string.Empty;
                break;
            case "unknown region":
                arguments.AddRange(["--region", "mars-north-1"]);
                break;
            case "unreachable endpoint":
                arguments.AddRange(["--endpoint-url", "http://127.0.0.1:9"]);
                break;
            case "malformed endpoint":
                arguments.AddRange(["--endpoint-url", "localhost:5000"]);
                break;
            case "node missing":
                environment["PATH"] = Path.GetDirectoryName(Environment.ProcessPath!)!;
                break;
        }

        var result = await ExternalProcess.RunAsync("dotnet", [Cli, .. arguments], timeout: Timeout, environment: environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)));
        using var http = new HttpClient();
        Assert.Null(await CloudFormation(http).DescribeStackAsync(Stack));
    }

    [Fact]
    public async Task SynthFailure_SaysNothingWasDeployed()
    {
        var environment = MotoEnvironment();
        environment["HAKIRI_INFRA_AWS"] = _dir.Write("broken/Hakiri.Infra.Aws.dll", "not an assembly");

        var result = await ExternalProcess.RunAsync("dotnet", [Cli, "deploy", "aws", "-m", _manifest, "--asset", _zip], timeout: Timeout, environment: environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("synthesizing the CloudFormation stack failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was deployed", result.Stderr, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Null(await CloudFormation(http).DescribeStackAsync(Stack));
    }

    public void Dispose()
    {
        _moto.Dispose();
        _dir.Dispose();
    }

    private static string Physical(IReadOnlyList<StackResourceSummary> resources, string type) =>
        Assert.Single(resources, r => r.ResourceType == type).PhysicalResourceId!;

    private Amazon.S3.IAmazonS3 S3() =>
        Store.S3.S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"), "us-east-1");

    private CloudFormationClient CloudFormation(HttpClient http) =>
        new(http, new AwsClientSettings(AwsEndpoint.For("cloudformation", "us-east-1", new Uri(_moto.Endpoint)), new AwsCredentials("testing", "testing")));

    /// <summary>moto's endpoint and dummy credentials; no instance metadata (it would leave loopback) and no profile files.</summary>
    private Dictionary<string, string> MotoEnvironment() => new(_moto.Environment, StringComparer.Ordinal)
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_SHARED_CREDENTIALS_FILE"] = _dir.Combine("no-credentials"),
        ["AWS_CONFIG_FILE"] = _dir.Combine("no-config"),
    };

    private Task<ProcessResult> HakiriAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("dotnet", [Cli, .. arguments], timeout: Timeout, environment: MotoEnvironment());
}
