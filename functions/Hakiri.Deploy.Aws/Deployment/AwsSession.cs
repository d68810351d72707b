using Amazon.Runtime;
using Amazon.S3;
using Hakiri.Store.S3;
using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>
/// The clients one deployment uses, after checking what can be checked before touching anything: the region, the
/// credentials, and (STS GetCallerIdentity) that AWS accepts them — which also tells the account.
/// </summary>
public sealed class AwsSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri? _endpoint;

    private AwsSession(HttpClient http, Uri? endpoint, CloudFormationClient cloudFormation, IAmazonS3 s3, DeployTarget target)
    {
        _http = http;
        _endpoint = endpoint;
        CloudFormation = cloudFormation;
        S3 = s3;
        Target = target;
    }

    /// <summary>CloudFormation in the target region.</summary>
    public CloudFormationClient CloudFormation { get; }

    /// <summary>S3 in the target region, for the assets.</summary>
    public IAmazonS3 S3 { get; }

    /// <summary>Stack, account and region.</summary>
    public DeployTarget Target { get; }

    /// <summary>
    /// Opens a session. <paramref name="region"/> is the explicit choice (option, then manifest), else the
    /// environment's; <paramref name="endpoint"/> sends every call to one URL (moto, LocalStack).
    /// </summary>
    /// <exception cref="DeploymentException">No region, no credentials, rejected credentials or an unreachable endpoint.</exception>
    public static async Task<AwsSession> OpenAsync(string stackName, string? region, string? profile, Uri? endpoint, CancellationToken cancellationToken)
    {
        string resolvedRegion;
        IAwsCredentialsProvider provider;
        try
        {
            resolvedRegion = AwsRegion.Resolve(region);
            provider = await new AwsCredentialsResolver().ResolveAsync(profile, null, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsRegionException e) when (e.Region is null)
        {
            throw new DeploymentException(DeploymentFailure.BadInput,
                "no AWS region is set — pass --region (for example --region eu-west-1), write region = \"…\" under [deploy.aws] in the manifest, or set AWS_REGION", e);
        }
        catch (AwsRegionException e)
        {
            throw new DeploymentException(DeploymentFailure.BadInput, e.Message, e);
        }
        catch (AwsCredentialsNotFoundException e)
        {
            // Its first line says what is missing and what to do; the SDK's per-provider details follow and stay out.
            var sentence = e.Message.Split('\n')[0].Trim();
            throw new DeploymentException(DeploymentFailure.BadInput, char.ToLowerInvariant(sentence[0]) + sentence[1..], e);
        }

        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            var sts = new StsClient(http, new AwsClientSettings(AwsEndpoint.For("sts", resolvedRegion, endpoint), provider));
            CallerIdentity identity;
            try
            {
                identity = await sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsApiException e)
            {
                throw new DeploymentException(DeploymentFailure.BadInput,
                    $"AWS rejected the credentials ({e.Code}: {e.ErrorMessage}) — check AWS_ACCESS_KEY_ID/AWS_PROFILE, or sign in again if they expired", e);
            }
            catch (AwsEndpointUnreachableException e)
            {
                throw new DeploymentException(DeploymentFailure.BadInput,
                    $"{e.Message} — check the network, or --endpoint-url/AWS_ENDPOINT_URL if you use a stand-in", e);
            }

            var credentials = await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            var cloudFormation = new CloudFormationClient(http, new AwsClientSettings(AwsEndpoint.For("cloudformation", resolvedRegion, endpoint), provider));
            return new AwsSession(http, endpoint, cloudFormation, S3Client(credentials, resolvedRegion, endpoint), new DeployTarget(stackName, identity.Account, resolvedRegion));
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The URL CloudFormation reads an uploaded object from (a template too large to send inline).</summary>
    public Uri ObjectUrl(string bucket, string key) =>
        _endpoint is null
            ? new Uri($"https://s3.{Target.Region}.{AwsRegion.DnsSuffix(Target.Region)}/{bucket}/{key}")
            // Path-style on the stand-in; moto reads its own objects from localhost URLs (not 127.0.0.1, which it takes for a bucket).
            : new Uri($"{_endpoint.Scheme}://{(_endpoint.Host == "127.0.0.1" ? "localhost" : _endpoint.Host)}:{_endpoint.Port}/{bucket}/{key}");

    /// <inheritdoc />
    public void Dispose()
    {
        S3.Dispose();
        _http.Dispose();
    }

    private static IAmazonS3 S3Client(AwsCredentials credentials, string region, Uri? endpoint)
    {
        AWSCredentials sdk = credentials.SessionToken is { Length: > 0 } token
            ? new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, token)
            : new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey);
        return S3ObjectStore.CreateClient(endpoint?.ToString(), sdk, region);
    }
}
