using System.CommandLine;

namespace Hakiri.Cli.Commands;

/// <summary>The options <c>emit aws</c>, <c>deploy aws</c> and <c>destroy aws</c> share.</summary>
internal static class AwsOptions
{
    public static Option<string> Stage() => new("--stage")
    {
        Description = "Deployment stage; the stack is named hakiri-<project>-<stage>.",
        DefaultValueFactory = _ => "dev",
    };

    public static Option<string?> Asset() => new("--asset")
    {
        Description = "The Lambda package; default: the release bundle's lib/lambda/hakiri-functions.zip, else a checkout's artifacts/lambda/hakiri-functions.zip (scripts/package-aws.sh writes it and, beside it, the DuckDB layer hakiri-duckdb-layer.zip and the Wasmtime layer hakiri-wasmtime-layer.zip, which must stay there).",
    };

    public static Option<bool> NoMcpUrlOutput() => new("--no-mcp-url-output")
    {
        Description = "Leave the MCP function URL out of the stack outputs (moto skips AWS::Lambda::Url and fails on such an output).",
    };

    public static Option<string?> Region() => new("--region")
    {
        Description = "The AWS region; default: [deploy.aws] region in the manifest, then AWS_REGION, then AWS_DEFAULT_REGION.",
    };

    public static Option<string?> Profile() => new("--profile")
    {
        Description = "A named profile from the AWS shared credentials/config files; default: AWS_PROFILE, then the standard credential chain.",
    };

    public static Option<string?> EndpointUrl() => new("--endpoint-url")
    {
        Description = "Send CloudFormation, STS and S3 calls to this URL instead of AWS (moto_server, LocalStack); default: AWS_ENDPOINT_URL.",
    };
}
