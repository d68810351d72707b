using System.Text.Json.Nodes;
using Amazon.CDK;
using Hakiri.Emit.Aws;
using Hakiri.Manifest;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>
/// Synthesizes the quickstart once for the whole collection (jsii + Node take ~13 s): as deployed to AWS, as deployed
/// to moto (no MCP URL output), with an S3 store under a prefix, with [deploy.aws] settings, and a project whose
/// sources reach beyond the store (S3 sources, secrets, a WebAssembly connector, a VPC).
/// </summary>
public sealed class SynthesizedStacks : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SynthesizedStacks()
    {
        var zip = StandInLambdaPackage.Write(_dir.Combine("hakiri-functions.zip"));

        var quickstart = ManifestLoader.LoadProject(RepoPaths.Of("samples", "quickstart", "hakiri.toml")).Value!;
        var s3Manifest = _dir.Write("s3/hakiri.toml", File.ReadAllText(RepoPaths.Of("samples", "quickstart", "hakiri.toml"))
            .Replace("name = \"quickstart\"", "name = \"quickstart\"\nstore = \"s3://acme-context/teams/shop\"", StringComparison.Ordinal));
        var s3 = ManifestLoader.LoadProject(s3Manifest).Value!;
        var tunedManifest = _dir.Write("tuned/hakiri.toml", File.ReadAllText(RepoPaths.Of("samples", "quickstart", "hakiri.toml"))
            + "\n[deploy.aws]\nmemory_mb = 2048\ntimeout_seconds = 300\nlog_retention_days = 90\nmcp_auth = \"none\"\n");
        var tuned = ManifestLoader.LoadProject(tunedManifest).Value!;
        var sources = ManifestLoader.LoadProject(RepoPaths.Of("tests", "Hakiri.Infra.Aws.Tests", "Manifests", "sources.toml")).Value!;

        var output = _dir.Combine("cdk.out");
        var options = new AwsStackOptions(quickstart.ManifestPath, zip, DuckDbLayer.Beside(zip), WasmtimeLayer.Beside(zip), "dev", output, McpUrlOutput: true);
        var app = new App(new AppProps { Outdir = output });
        var aws = AwsApp.AddStack(app, quickstart, options);
        var moto = AwsApp.AddStack(app, quickstart, options with { Stage = "moto", McpUrlOutput = false });
        var prefixed = AwsApp.AddStack(app, s3, options with { Stage = "s3" });
        var tunedStack = AwsApp.AddStack(app, tuned, options with { Stage = "tuned" });
        var sourcesStack = AwsApp.AddStack(app, sources, options with { ManifestPath = sources.ManifestPath });
        var assembly = app.Synth();

        AwsTemplatePath = assembly.GetStackByName(aws.StackName).TemplateFullPath;
        Aws = Load(AwsTemplatePath);
        Moto = Load(assembly.GetStackByName(moto.StackName).TemplateFullPath);
        S3Prefixed = Load(assembly.GetStackByName(prefixed.StackName).TemplateFullPath);
        Tuned = Load(assembly.GetStackByName(tunedStack.StackName).TemplateFullPath);
        SourcesTemplatePath = assembly.GetStackByName(sourcesStack.StackName).TemplateFullPath;
        Sources = Load(SourcesTemplatePath);
    }

    /// <summary>The quickstart stack for real AWS (stage dev).</summary>
    public JsonObject Aws { get; }

    public string AwsTemplatePath { get; }

    /// <summary>The quickstart stack for moto: no MCP URL output.</summary>
    public JsonObject Moto { get; }

    /// <summary>The quickstart with its store at s3://acme-context/teams/shop.</summary>
    public JsonObject S3Prefixed { get; }

    /// <summary>The quickstart with [deploy.aws] memory 2048, timeout 300, log retention 90 and a public MCP URL.</summary>
    public JsonObject Tuned { get; }

    /// <summary>Manifests/sources.toml: S3 sources, secrets from SSM and Secrets Manager, a WebAssembly connector, a VPC.</summary>
    public JsonObject Sources { get; }

    public string SourcesTemplatePath { get; }

    public void Dispose() => _dir.Dispose();

    private static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}

[CollectionDefinition(Name)]
public sealed class SynthesizedStacksCollection : ICollectionFixture<SynthesizedStacks>
{
    public const string Name = "synthesized stacks";
}
