namespace Hakiri.Model.Manifests;

/// <summary>How <c>hakiri deploy aws</c> sizes and exposes the project (<c>[deploy.aws]</c>); every field has a default.</summary>
/// <param name="Region">The region to deploy to, or <see langword="null"/> for <c>--region</c>/<c>AWS_REGION</c>.</param>
/// <param name="MemoryMb">Memory of each step function, in MB (128–10240).</param>
/// <param name="TimeoutSeconds">Timeout of each step function, in seconds (1–900).</param>
/// <param name="LogRetentionDays">Retention of the functions' log groups (one of CloudWatch Logs' values).</param>
/// <param name="McpAuth">Who may call the MCP function URL.</param>
public sealed record AwsDeployment(string? Region, int MemoryMb, int TimeoutSeconds, int LogRetentionDays, McpUrlAuth McpAuth)
{
    /// <summary>
    /// Environment variables the step functions read from SSM Parameter Store or Secrets Manager at run time (never
    /// baked into the template or the zip), by variable name; the function role may read exactly these.
    /// </summary>
    public IReadOnlyDictionary<string, SecretReference> Secrets { get; init; } = new Dictionary<string, SecretReference>(StringComparer.Ordinal);

    /// <summary>The VPC the step functions run in (to reach a private database), or <see langword="null"/> for none.</summary>
    public AwsVpc? Vpc { get; init; }

    /// <inheritdoc />
    public bool Equals(AwsDeployment? other) =>
        other is not null && Region == other.Region && MemoryMb == other.MemoryMb && TimeoutSeconds == other.TimeoutSeconds
        && LogRetentionDays == other.LogRetentionDays && McpAuth == other.McpAuth && Vpc == other.Vpc
        && Secrets.Count == other.Secrets.Count && Secrets.All(s => other.Secrets.TryGetValue(s.Key, out var o) && o == s.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Region, MemoryMb, TimeoutSeconds, LogRetentionDays, McpAuth, Secrets.Count);

    /// <summary>The defaults: 1024 MB, 900 s, 30 days, IAM-authenticated MCP URL, region from the environment.</summary>
    public static AwsDeployment Default { get; } = new(null, 1024, 900, 30, McpUrlAuth.AwsIam);

    /// <summary>
    /// DuckDB's memory limit in each step function (<c>HAKIRI_DUCKDB_MEMORY_LIMIT</c>): three quarters of
    /// <see cref="MemoryMb"/>, so the runtime, SQLite and the HTTP client keep headroom and DuckDB spills instead of the
    /// function being killed. The deployed stack sets it, and so does <c>hakiri run --via lambda</c>.
    /// </summary>
    public string DuckDbMemoryLimit => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{MemoryMb * 3 / 4}MB");

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

/// <summary>Where a secret lives in AWS.</summary>
public enum SecretStore
{
    /// <summary>An SSM Parameter Store parameter (a SecureString is decrypted).</summary>
    Ssm,

    /// <summary>A Secrets Manager secret (its string value).</summary>
    SecretsManager,
}

/// <summary>A secret's location: <c>ssm:/hakiri/prod/orders-dsn</c> or <c>secretsmanager:prod/orders-dsn</c>.</summary>
/// <param name="Store">The service.</param>
/// <param name="Name">The parameter name (starting with /) or the secret's name or ARN.</param>
public sealed record SecretReference(SecretStore Store, string Name)
{
    /// <summary>The reference as written in the manifest.</summary>
    public override string ToString() => (Store == SecretStore.Ssm ? "ssm:" : "secretsmanager:") + Name;

    /// <summary>Parses <c>ssm:NAME</c> or <c>secretsmanager:NAME</c>; <see langword="null"/> for anything else.</summary>
    public static SecretReference? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("ssm:", StringComparison.Ordinal) && text.Length > 4)
        {
            return new SecretReference(SecretStore.Ssm, text[4..]);
        }

        return text.StartsWith("secretsmanager:", StringComparison.Ordinal) && text.Length > 15 ? new SecretReference(SecretStore.SecretsManager, text[15..]) : null;
    }
}

/// <summary>The subnets and security groups the step functions are attached to (<c>[deploy.aws.vpc]</c>).</summary>
/// <param name="SubnetIds">Private subnets (two or more, in different availability zones, for availability).</param>
/// <param name="SecurityGroupIds">Security groups the database admits.</param>
public sealed record AwsVpc(IReadOnlyList<string> SubnetIds, IReadOnlyList<string> SecurityGroupIds)
{
    /// <inheritdoc />
    public bool Equals(AwsVpc? other) =>
        other is not null && SubnetIds.SequenceEqual(other.SubnetIds) && SecurityGroupIds.SequenceEqual(other.SecurityGroupIds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SubnetIds.Count, SecurityGroupIds.Count);
}
