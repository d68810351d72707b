using Amazon.Runtime;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>Credentials from AWSSDK.Core; asked per request because the SDK refreshes temporary ones itself.</summary>
internal sealed class SdkCredentialsProvider(AWSCredentials credentials) : IAwsCredentialsProvider
{
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        return new AwsCredentials(current.AccessKey, current.SecretKey, current.UseToken ? current.Token : null);
    }
}
