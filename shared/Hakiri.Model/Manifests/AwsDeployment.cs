namespace Hakiri.Model.Manifests;

/// <summary>How <c>hakiri deploy aws</c> sizes and exposes the project (<c>[deploy.aws]</c>); every field has a default.</summary>
/// <param name="Region">The region to deploy to, or <see langword="null"/> for <c>--region</c>/<c>AWS_REGION</c>.</param>
/// <param name="MemoryMb">Memory of each step function, in MB (128–10240).</param>
/// <param name="TimeoutSeconds">Timeout of each step function, in seconds (1–900).</param>
/// <param name="LogRetentionDays">Retention of the functions' log groups (one of CloudWatch Logs' values).</param>
/// <param name="McpAuth">Who may call the MCP function URL.</param>
public sealed record AwsDeployment(string? Region, int MemoryMb, int TimeoutSeconds, int LogRetentionDays, McpUrlAuth McpAuth)
{
    /// <summary>The defaults: 1024 MB, 900 s, 30 days, IAM-authenticated MCP URL, region from the environment.</summary>
    public static AwsDeployment Default { get; } = new(null, 1024, 900, 30, McpUrlAuth.AwsIam);

    /// <summary>The retention periods CloudWatch Logs accepts, in days.</summary>
    public static IReadOnlyList<int> RetentionPeriods { get; } =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
}

/// <summary>The MCP function URL's authentication.</summary>
public enum McpUrlAuth
{
    /// <summary>Callers sign requests with SigV4 and need <c>lambda:InvokeFunctionUrl</c> (the default).</summary>
    AwsIam,

    /// <summary>Anyone who knows the URL may query the store.</summary>
    None,
}
