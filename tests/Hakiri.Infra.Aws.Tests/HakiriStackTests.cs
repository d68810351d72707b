using System.Text.Json.Nodes;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests;

[Collection(SynthesizedStacksCollection.Name)]
public sealed class HakiriStackTests(SynthesizedStacks stacks)
{
    private static readonly string[] Steps = ["discover", "pull-batch", "write", "compact", "index"];

    [Fact]
    public void Synth_Quickstart_MatchesGoldenTemplate() => Templates.AssertGolden(stacks.Aws, "hakiri-quickstart-dev.template.json");

    [Fact]
    public void Synth_Quickstart_EveryFunctionLoadsDuckDbFromOneLayer()
    {
        // ADR 0029: libduckdb.so is a layer (lib/libduckdb.so → /opt/lib), not part of the function zip.
        var (id, layer) = Assert.Single(Templates.Resources(stacks.Aws, "AWS::Lambda::LayerVersion"));
        Assert.Equal("""["provided.al2023"]""", layer["CompatibleRuntimes"]!.ToJsonString());
        Assert.Equal("""["x86_64"]""", layer["CompatibleArchitectures"]!.ToJsonString());
        Assert.NotNull(layer["Content"]!["S3Key"]);
        var functions = Templates.Resources(stacks.Aws, "AWS::Lambda::Function").Select(f => f.Properties).ToList();
        Assert.Equal(6, functions.Count);
        Assert.All(functions, f => Assert.Equal(id, (string?)Assert.Single(f["Layers"]!.AsArray())!["Ref"]));
    }

    [Fact]
    public Task Synth_Quickstart_CfnLintReportsNoErrors() => Templates.AssertCfnLintPassesAsync(stacks.AwsTemplatePath);

    [Fact]
    public void Synth_Quickstart_HasOneFunctionPerStepPlusMcp()
    {
        var functions = Templates.Resources(stacks.Aws, "AWS::Lambda::Function").Select(f => f.Properties).ToList();
        Assert.Equal([.. Steps, "mcp"], functions.Select(f => (string)f["Handler"]!).ToArray());
        Assert.All(functions, f =>
        {
            Assert.Equal("provided.al2023", (string?)f["Runtime"]);
            Assert.Equal(1024, (int)f["MemorySize"]!);
            Assert.Equal(900, (int)f["Timeout"]!);
            Assert.Equal("/var/task/hakiri.toml", (string?)f["Environment"]!["Variables"]!["HAKIRI_MANIFEST"]);
            Assert.Equal("768MB", (string?)f["Environment"]!["Variables"]!["HAKIRI_DUCKDB_MEMORY_LIMIT"]);
            // The functions use the stack's bucket as the store, whatever the bundled manifest says.
            var store = f["Environment"]!["Variables"]!["HAKIRI_STORE"]!["Fn::Join"]![1]!.AsArray();
            Assert.Equal("s3://", (string?)store[0]);
            Assert.Equal(StoreBucketId(stacks.Aws), (string?)store[1]!["Ref"]);
            Assert.NotNull(f["LoggingConfig"]!["LogGroup"]);
        });
        Assert.All(Templates.Resources(stacks.Aws, "AWS::Logs::LogGroup"), g => Assert.Equal(30, (int)g.Properties["RetentionInDays"]!));
        Assert.Equal(6, Templates.Resources(stacks.Aws, "AWS::Logs::LogGroup").Count());
    }

    [Fact]
    public void Synth_Quickstart_BucketIsPrivateEncryptedRetainedAndTlsOnly()
    {
        var bucket = Assert.Single(stacks.Aws["Resources"]!.AsObject(), r => (string?)r.Value!["Type"] == "AWS::S3::Bucket").Value!;
        Assert.Equal("Retain", (string?)bucket["DeletionPolicy"]);
        Assert.Equal("AES256", (string?)bucket["Properties"]!["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        var block = bucket["Properties"]!["PublicAccessBlockConfiguration"]!.AsObject();
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], k => Assert.True((bool)block[k]!));
        var policy = Assert.Single(Templates.Resources(stacks.Aws, "AWS::S3::BucketPolicy")).Properties;
        Assert.Contains(Templates.Statements(policy), s =>
            (string?)s["Effect"] == "Deny" && s["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false");
    }

    [Fact]
    public void Synth_Quickstart_StateMachineSubstitutesTheFiveStepArns()
    {
        var machine = Assert.Single(Templates.Resources(stacks.Aws, "AWS::StepFunctions::StateMachine")).Properties;
        var parts = machine["DefinitionString"]!["Fn::Join"]![1]!.AsArray();
        var emitted = Hakiri.Emit.Asl.PipelineStateMachine.Write(Hakiri.Emit.Asl.PipelineStateMachine.Build(
            Hakiri.Manifest.ManifestLoader.LoadProject(RepoPaths.Of("samples", "quickstart", "hakiri.toml")).Value!));
        // Text and function ARNs alternate; put the placeholders back and the emitted definition reappears, byte for byte.
        var functions = Templates.Resources(stacks.Aws, "AWS::Lambda::Function").ToDictionary(f => f.Id, f => (string)f.Properties["Handler"]!);
        var rebuilt = string.Concat(parts.Select(p => p is JsonValue
            ? (string)p!
            : Hakiri.Emit.Asl.StepResources.Placeholder(functions[(string)p!["Fn::GetAtt"]![0]!])));
        Assert.Equal(emitted, rebuilt);
        Assert.Equal(5, parts.Count(p => p is JsonObject));
        Assert.Null(machine["DefinitionSubstitutions"]);
    }

    [Fact]
    public void Synth_Quickstart_NeedsNoCdkBootstrap()
    {
        Assert.Null(stacks.Aws["Parameters"]?["BootstrapVersion"]);
        Assert.Null(stacks.Aws["Rules"]);
        Assert.DoesNotContain("cdk-hnb659fds", stacks.Aws.ToJsonString(), StringComparison.Ordinal);
        var code = Templates.Resources(stacks.Aws, "AWS::Lambda::Function").First().Properties["Code"]!;
        Assert.Equal("hakiri-assets-${AWS::AccountId}-${AWS::Region}", (string?)code["S3Bucket"]!["Fn::Sub"]);
        Assert.StartsWith("hakiri-quickstart-dev/", (string?)code["S3Key"], StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_DeployAwsSettings_SizeTheFunctionsAndOpenTheUrl()
    {
        var functions = Templates.Resources(stacks.Tuned, "AWS::Lambda::Function").Select(f => f.Properties).ToList();
        Assert.All(functions, f =>
        {
            Assert.Equal(2048, (int)f["MemorySize"]!);
            Assert.Equal(300, (int)f["Timeout"]!);
            Assert.Equal("1536MB", (string?)f["Environment"]!["Variables"]!["HAKIRI_DUCKDB_MEMORY_LIMIT"]);
        });
        Assert.All(Templates.Resources(stacks.Tuned, "AWS::Logs::LogGroup"), g => Assert.Equal(90, (int)g.Properties["RetentionInDays"]!));
        var url = Assert.Single(Templates.Resources(stacks.Tuned, "AWS::Lambda::Url")).Properties;
        Assert.Equal("NONE", (string?)url["AuthType"]);
        // A public URL needs a resource policy letting anyone invoke it through the URL; the IAM-authenticated one has none.
        Assert.Contains(Templates.Resources(stacks.Tuned, "AWS::Lambda::Permission"), p =>
            (string?)p.Properties["Principal"] == "*" && (string?)p.Properties["FunctionUrlAuthType"] == "NONE");
        Assert.DoesNotContain(Templates.Resources(stacks.Aws, "AWS::Lambda::Permission"), p => (string?)p.Properties["Principal"] == "*");
    }

    [Fact]
    public void Synth_Quickstart_SchedulesEachScheduledPipeline()
    {
        var rules = Templates.Resources(stacks.Aws, "AWS::Events::Rule").Select(r => r.Properties).ToList();
        Assert.Equal(["rate(1 hour)", "cron(0 6 * * ? *)"], rules.Select(r => (string)r["ScheduleExpression"]!).ToArray());
        Assert.Equal(
            ["{\"pipelines\":[\"orders\"]}", "{\"pipelines\":[\"customers\"]}"],
            rules.Select(r => JsonNode.Parse((string)r["Targets"]![0]!["Input"]!)!.ToJsonString()).ToArray());
        Assert.Empty(Templates.Resources(stacks.Aws, "AWS::Scheduler::Schedule"));
    }

    [Fact]
    public void Synth_McpUrlOutputFlag_OutputsTheUrlOnlyWhenOn()
    {
        Assert.Equal(["StoreBucketName", "StateMachineArn", "McpFunctionName", "McpUrl"], stacks.Aws["Outputs"]!.AsObject().Select(o => o.Key).ToArray());
        Assert.Equal(["StoreBucketName", "StateMachineArn", "McpFunctionName"], stacks.Moto["Outputs"]!.AsObject().Select(o => o.Key).ToArray());
        var url = Assert.Single(Templates.Resources(stacks.Moto, "AWS::Lambda::Url")).Properties;
        Assert.Equal("AWS_IAM", (string?)url["AuthType"]);
    }

    private static string StoreBucketId(JsonObject template) =>
        Assert.Single(template["Resources"]!.AsObject(), r => (string?)r.Value!["Type"] == "AWS::S3::Bucket").Key;
}
