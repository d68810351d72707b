namespace Hakiri.Functions.Aws.Runtime;

/// <summary>What the Lambda environment tells the bootstrap (an explicit record so tests need not touch the process).</summary>
/// <param name="RuntimeApi">host:port of the Runtime API (<c>AWS_LAMBDA_RUNTIME_API</c>).</param>
/// <param name="Handler">The handler name (<c>_HANDLER</c>): discover, pull-batch, write, compact or index.</param>
/// <param name="ManifestPath">The project manifest (<c>HAKIRI_MANIFEST</c>, default <c>/var/task/hakiri.toml</c>).</param>
/// <param name="StoreOverride">A store that replaces the manifest's (<c>HAKIRI_STORE</c>: a directory or <c>s3://bucket/prefix</c>), or null.</param>
internal sealed record EnvironmentSettings(string RuntimeApi, string Handler, string ManifestPath, string? StoreOverride)
{
    public static EnvironmentSettings FromProcess() => new(
        Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") ?? string.Empty,
        Environment.GetEnvironmentVariable("_HANDLER") ?? string.Empty,
        Environment.GetEnvironmentVariable("HAKIRI_MANIFEST") is { Length: > 0 } manifest ? manifest : "/var/task/hakiri.toml",
        Environment.GetEnvironmentVariable("HAKIRI_STORE") is { Length: > 0 } store ? store : null);
}
