using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// Finds credentials the way the AWS CLI and SDKs do, through AWSSDK.Core's default chain: environment variables,
/// the shared credentials/config files (<c>AWS_PROFILE</c>, SSO, credential_process, assume-role), web identity,
/// container and instance metadata. Failing to find any is an <see cref="AwsCredentialsNotFoundException"/>.
/// </summary>
public sealed class AwsCredentialsResolver
{
    private readonly Func<CancellationToken, Task<AWSCredentials>> _defaultChain;

    /// <summary>A resolver over the SDK's default chain.</summary>
    public AwsCredentialsResolver()
        : this(cancellationToken => new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken))
    {
    }

    /// <summary>A resolver over another chain (tests).</summary>
    internal AwsCredentialsResolver(Func<CancellationToken, Task<AWSCredentials>> defaultChain) => _defaultChain = defaultChain;

    /// <summary>
    /// Resolves credentials and checks that they can be read now, so a missing or expired login fails before any
    /// request. <paramref name="profile"/> names a profile explicitly (else the default chain, which honours
    /// <c>AWS_PROFILE</c>); <paramref name="credentialsFile"/> reads profiles from that file instead of ~/.aws.
    /// </summary>
    public async Task<IAwsCredentialsProvider> ResolveAsync(string? profile = null, string? credentialsFile = null, CancellationToken cancellationToken = default)
    {
        AWSCredentials credentials;
        try
        {
            credentials = string.IsNullOrEmpty(profile) && credentialsFile is null
                ? await _defaultChain(cancellationToken).ConfigureAwait(false)
                : FromProfile(string.IsNullOrEmpty(profile) ? "default" : profile, credentialsFile);
            var provider = new SdkCredentialsProvider(credentials);
            await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            return provider;
        }
        catch (AmazonClientException e)
        {
            // ProfileNotFoundException (AWS_PROFILE names a missing profile) is an AmazonClientException too.
            // The SDK's message lists what each provider tried; it goes last, after the advice.
            throw new AwsCredentialsNotFoundException($"No AWS credentials found. {AwsCredentialsNotFoundException.Advice}\n{e.Message.Trim()}", e);
        }
    }

    private static AWSCredentials FromProfile(string profile, string? credentialsFile)
    {
        var chain = new CredentialProfileStoreChain(credentialsFile);
        if (chain.TryGetAWSCredentials(profile, out var credentials))
        {
            return credentials;
        }

        var where = credentialsFile ?? "~/.aws/credentials or ~/.aws/config";
        throw new AwsCredentialsNotFoundException($"No AWS profile named '{profile}' in {where}. {AwsCredentialsNotFoundException.Advice}");
    }
}
