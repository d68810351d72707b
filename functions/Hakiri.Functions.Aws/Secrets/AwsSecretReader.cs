using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Hakiri.Model.Manifests;

namespace Hakiri.Functions.Aws.Secrets;

/// <summary>
/// Reads secrets where <c>[deploy.aws] secrets</c> says they live: Parameter Store through AWSSDK.SimpleSystemsManagement
/// (SecureStrings decrypted), Secrets Manager through <see cref="SecretsManagerClient"/>. Both honour the standard AWS
/// environment: credentials chain, <c>AWS_REGION</c>, and <c>AWS_ENDPOINT_URL_SSM</c>/<c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>/<c>AWS_ENDPOINT_URL</c>.
/// </summary>
internal sealed class AwsSecretReader : ISecretReader, IDisposable
{
    private readonly string _region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
    private readonly Lazy<AmazonSimpleSystemsManagementClient> _ssm;
    private readonly Lazy<SecretsManagerClient> _secretsManager;

    public AwsSecretReader()
    {
        _ssm = new(CreateSsm);
        _secretsManager = new(() => new SecretsManagerClient(_region, Endpoint("AWS_ENDPOINT_URL_SECRETS_MANAGER")));
    }

    public Task<string> ReadAsync(SecretReference reference, CancellationToken cancellationToken) =>
        reference.Store == SecretStore.Ssm
            ? ReadParameterAsync(reference.Name, cancellationToken)
            : _secretsManager.Value.GetSecretStringAsync(reference.Name, cancellationToken);

    public void Dispose()
    {
        if (_ssm.IsValueCreated)
        {
            _ssm.Value.Dispose();
        }

        if (_secretsManager.IsValueCreated)
        {
            _secretsManager.Value.Dispose();
        }
    }

    private async Task<string> ReadParameterAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _ssm.Value.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken).ConfigureAwait(false);
            return response.Parameter.Value;
        }
        catch (ParameterNotFoundException e)
        {
            throw new SecretReadException($"ParameterNotFound — no such parameter in {_region}; create it (aws ssm put-parameter --type SecureString) or fix [deploy.aws] secrets", false, e);
        }
        catch (AmazonServiceException e) when (e.StatusCode is not 0)
        {
            var transient = SecretsManagerClient.IsTransient(e.ErrorCode ?? string.Empty, (int)e.StatusCode);
            throw new SecretReadException($"{e.ErrorCode ?? e.StatusCode.ToString()} from Parameter Store in {_region}: {e.Message.TrimEnd('.')}", transient, e);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretReadException($"Parameter Store in {_region} did not answer ({e.Message.TrimEnd('.')}) — a function in a VPC needs a NAT gateway or an SSM endpoint", true, e);
        }
    }

    private AmazonSimpleSystemsManagementClient CreateSsm()
    {
        var config = new AmazonSimpleSystemsManagementConfig
        {
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(_region),
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (Endpoint("AWS_ENDPOINT_URL_SSM") is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = _region;
        }

        return new AmazonSimpleSystemsManagementClient(config);
    }

    private static Uri? Endpoint(string serviceVariable) =>
        (Environment.GetEnvironmentVariable(serviceVariable) ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")) is { Length: > 0 } url ? new Uri(url) : null;
}
