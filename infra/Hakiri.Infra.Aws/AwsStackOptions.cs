namespace Hakiri.Infra.Aws;

/// <summary>What the CDK app needs to synthesize one project's stack.</summary>
/// <param name="ManifestPath">The project's hakiri.toml.</param>
/// <param name="AssetZip">The Lambda package <c>scripts/package-aws.sh</c> writes (bootstrap at the zip's root).</param>
/// <param name="LayerZip">The DuckDB layer <c>scripts/package-aws.sh</c> writes beside it (<c>lib/libduckdb.so</c>).</param>
/// <param name="WasmtimeLayerZip">
/// The Wasmtime layer <c>scripts/package-aws.sh</c> writes beside it (<c>lib/libwasmtime.so</c>); attached only when a
/// pipeline reads a WebAssembly connector (ADR 0032), and then it must exist.
/// </param>
/// <param name="Stage">Deployment stage, part of the stack name (<c>hakiri-&lt;project&gt;-&lt;stage&gt;</c>).</param>
/// <param name="OutputDirectory">Where the cloud assembly (template and assets) is written.</param>
/// <param name="McpUrlOutput">Whether the stack outputs the MCP function URL; off for moto, which skips AWS::Lambda::Url.</param>
internal sealed record AwsStackOptions(
    string ManifestPath,
    string AssetZip,
    string LayerZip,
    string WasmtimeLayerZip,
    string Stage,
    string OutputDirectory,
    bool McpUrlOutput)
{
    /// <summary>
    /// The bucket the deployment's file assets (the Lambda zip) are uploaded to before the stack is created or
    /// updated: one per account and region, created by <c>hakiri deploy aws</c> — no <c>cdk bootstrap</c> needed.
    /// </summary>
    public const string AssetBucketName = "hakiri-assets-${AWS::AccountId}-${AWS::Region}";

    /// <summary>The stack's name: <c>hakiri-&lt;project&gt;-&lt;stage&gt;</c>.</summary>
    public static string StackName(string project, string stage) => $"hakiri-{project}-{stage}";
}
