namespace Hakiri.Deploy.Aws.Api;

/// <summary>Gives the credentials to sign the next request with (asked per request, so temporary ones can refresh).</summary>
public interface IAwsCredentialsProvider
{
    /// <summary>The current credentials.</summary>
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default);
}
