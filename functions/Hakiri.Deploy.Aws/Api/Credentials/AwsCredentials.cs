namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// One set of AWS credentials as the signer needs them. It is also a provider of itself, for fixed keys
/// (tests, emulators); <see cref="AwsCredentialsResolver"/> gives refreshing ones.
/// </summary>
/// <param name="AccessKeyId">The access key id (<c>AKIA…</c> or <c>ASIA…</c>).</param>
/// <param name="SecretAccessKey">The secret key; never printed.</param>
/// <param name="SessionToken">The session token of temporary credentials, sent as <c>X-Amz-Security-Token</c>.</param>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null) : IAwsCredentialsProvider
{
    /// <inheritdoc />
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(this);

    /// <summary>The access key id only, so credentials never land in a log by accident.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "no" : "yes")} }}";
}
