using System.Text.Json.Nodes;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>
/// Manifests/sources.toml deployed: source buckets, secrets, the VPC and the Wasmtime layer reach exactly the steps
/// that read sources.
/// </summary>
[Collection(SynthesizedStacksCollection.Name)]
public sealed class SourceAccessTests(SynthesizedStacks stacks)
{
    private static readonly string[] SourceSteps = ["discover", "pull-batch"];

    [Fact]
    public void Synth_Sources_MatchesGoldenTemplate() => Templates.AssertGolden(stacks.Sources, "hakiri-sources-dev.template.json");

    [Fact]
    public Task Synth_Sources_CfnLintReportsNoErrors() => Templates.AssertCfnLintPassesAsync(stacks.SourcesTemplatePath);

    [Fact]
    public void Policies_SourceSteps_ListAndReadExactlyTheSourcePrefixes()
    {
        foreach (var step in SourceSteps)
        {
            var statements = Statements(step);
            var exports = statements.Single(s => (string?)s["Sid"] == "SourceList1");
            Assert.Equal("s3:ListBucket", (string?)exports["Action"]);
            Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}:s3:::acme-exports\"}", exports["Resource"]!.ToJsonString());
            // events/2026/eu/ is inside events/2026/: one prefix covers both pipelines.
            Assert.Equal("[\"archive/*\",\"events/2026/*\"]", exports["Condition"]!["StringLike"]!["s3:prefix"]!.ToJsonString());
            var wholeBucket = statements.Single(s => (string?)s["Sid"] == "SourceList2");
            Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}:s3:::acme-public\"}", wholeBucket["Resource"]!.ToJsonString());
            Assert.Null(wholeBucket["Condition"]);
            var read = statements.Single(s => (string?)s["Sid"] == "SourceRead");
            Assert.Equal("s3:GetObject", (string?)read["Action"]);
            Assert.Equal(
                ["arn:${AWS::Partition}:s3:::acme-exports/archive/*", "arn:${AWS::Partition}:s3:::acme-exports/events/2026/*", "arn:${AWS::Partition}:s3:::acme-public/*"],
                read["Resource"]!.AsArray().Select(r => (string)r!["Fn::Sub"]!).ToArray());
            // The S3-compatible source (endpoint_url) authenticates with its own credentials: no IAM grant.
            Assert.DoesNotContain(statements, s => s.ToJsonString().Contains(":::lab", StringComparison.Ordinal));
            Assert.Equal(
                ["StoreObjects", "StoreList", "SourceList1", "SourceList2", "SourceRead", "SecretsSsm", "SecretsManager", "VpcCreateInterfaces", "VpcManageInterfaces", "VpcDescribe"],
                statements.Select(s => (string)s["Sid"]!).ToArray());
        }
    }

    [Fact]
    public void Policies_SourceSteps_ReadExactlyTheNamedSecrets()
    {
        foreach (var step in SourceSteps)
        {
            var statements = Statements(step);
            var ssm = statements.Single(s => (string?)s["Sid"] == "SecretsSsm");
            Assert.Equal("ssm:GetParameter", (string?)ssm["Action"]);
            Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/hakiri/prod/orders-dsn\"}", ssm["Resource"]!.ToJsonString());
            var secrets = statements.Single(s => (string?)s["Sid"] == "SecretsManager");
            Assert.Equal("secretsmanager:GetSecretValue", (string?)secrets["Action"]);
            Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/tickets-token-??????\"}", secrets["Resource"]!.ToJsonString());
            Assert.Equal("ORDERS_DATABASE_URL=ssm:/hakiri/prod/orders-dsn;TICKETS_TOKEN=secretsmanager:prod/tickets-token", (string?)Variables(step)["HAKIRI_SECRETS"]);
        }
    }

    [Fact]
    public void Policies_OtherFunctions_GetNoSourceSecretOrVpcAccess()
    {
        foreach (var handler in new[] { "write", "compact", "index", "mcp" })
        {
            Assert.All(Statements(handler), s => Assert.StartsWith("Store", (string)s["Sid"]!, StringComparison.Ordinal));
            Assert.Null(Variables(handler)["HAKIRI_SECRETS"]);
            Assert.Null(Function(handler)["VpcConfig"]);
        }
    }

    [Fact]
    public void Synth_Vpc_AttachesTheSourceStepsWithScopedInterfacePermissions()
    {
        foreach (var step in SourceSteps)
        {
            var vpc = Function(step)["VpcConfig"]!;
            Assert.Equal("[\"subnet-0a1b2c3d\",\"subnet-4e5f6a7b\"]", vpc["SubnetIds"]!.ToJsonString());
            Assert.Equal("[\"sg-0123456789abcdef0\"]", vpc["SecurityGroupIds"]!.ToJsonString());
            var statements = Statements(step);
            var create = statements.Single(s => (string?)s["Sid"] == "VpcCreateInterfaces");
            Assert.Equal(
                ["network-interface/*", "subnet/subnet-0a1b2c3d", "subnet/subnet-4e5f6a7b", "security-group/sg-0123456789abcdef0"],
                create["Resource"]!.AsArray().Select(r => ((string)r!["Fn::Sub"]!).Replace("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:", string.Empty, StringComparison.Ordinal)).ToArray());
            // Only the describe calls, which EC2 authorizes on no narrower resource, are on "*".
            Assert.All(statements.Where(s => s["Resource"]!.ToJsonString() == "\"*\""), s => Assert.Equal("VpcDescribe", (string?)s["Sid"]));
        }

        // No managed policy with ENI actions on every resource.
        Assert.DoesNotContain("AWSLambdaVPCAccessExecutionRole", stacks.Sources.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(Function("write")["VpcConfig"]);
    }

    [Fact]
    public void Synth_WasmConnector_SourceStepsLoadWasmtimeFromASecondLayer()
    {
        // ADR 0032: libwasmtime.so is its own layer, on the steps that run connectors, with the module cache in /tmp.
        var layers = Templates.Resources(stacks.Sources, "AWS::Lambda::LayerVersion").ToList();
        Assert.Equal(2, layers.Count);
        var wasmtime = Assert.Single(layers, l => ((string?)l.Properties["Description"])!.Contains("libwasmtime.so", StringComparison.Ordinal));
        var duckdb = Assert.Single(layers, l => l.Id != wasmtime.Id);
        Assert.Equal("""["provided.al2023"]""", wasmtime.Properties["CompatibleRuntimes"]!.ToJsonString());
        foreach (var step in SourceSteps)
        {
            Assert.Equal([duckdb.Id, wasmtime.Id], Function(step)["Layers"]!.AsArray().Select(l => (string)l!["Ref"]!).ToArray());
            Assert.Equal("/tmp/hakiri/wasm", (string?)Variables(step)["HAKIRI_WASM_CACHE"]);
        }

        foreach (var handler in new[] { "write", "compact", "index", "mcp" })
        {
            Assert.Equal(duckdb.Id, (string?)Assert.Single(Function(handler)["Layers"]!.AsArray())!["Ref"]);
            Assert.Null(Variables(handler)["HAKIRI_WASM_CACHE"]);
        }
    }

    private (string Id, JsonObject Properties) FunctionResource(string handler) =>
        Templates.Resources(stacks.Sources, "AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == handler);

    private JsonObject Function(string handler) => FunctionResource(handler).Properties;

    private JsonObject Variables(string handler) => Function(handler)["Environment"]!["Variables"]!.AsObject();

    // The function's role's inline policy: the role is the function's own (one per function), found through Fn::GetAtt.
    private List<JsonObject> Statements(string handler)
    {
        var role = (string)Function(handler)["Role"]!["Fn::GetAtt"]![0]!;
        var policy = Templates.Resources(stacks.Sources, "AWS::IAM::Policy")
            .Single(p => p.Properties["Roles"]!.AsArray().Any(r => (string?)r!["Ref"] == role));
        return Templates.Statements(policy.Properties).ToList();
    }
}
