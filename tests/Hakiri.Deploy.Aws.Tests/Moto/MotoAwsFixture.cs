using Hakiri.Deploy.Aws.Api;
using Hakiri.Testing;

namespace Hakiri.Deploy.Aws.Tests.Moto;

/// <summary>One moto_server for the collection, and CloudFormation/STS clients pointed at it.</summary>
public sealed class MotoAwsFixture : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public MotoAwsFixture()
    {
        Server = new MotoServer();
        var endpoint = new Uri(Server.Endpoint);
        var credentials = new AwsCredentials("testing", "testing");
        CloudFormation = new CloudFormationClient(_http, new AwsClientSettings(AwsEndpoint.For("cloudformation", "us-east-1", endpoint), credentials));
        Sts = new StsClient(_http, new AwsClientSettings(AwsEndpoint.For("sts", "us-east-1", endpoint), credentials));
    }

    public MotoServer Server { get; }

    public CloudFormationClient CloudFormation { get; }

    public StsClient Sts { get; }

    /// <summary>Creates a bucket and puts an object straight through moto's S3 REST API (it does not check signatures).</summary>
    public async Task PutObjectAsync(string bucket, string key, string content)
    {
        using var create = await _http.PutAsync($"{Server.Endpoint}/{bucket}", null);
        using var body = new StringContent(content, System.Text.Encoding.UTF8, "application/json");
        using var put = await _http.PutAsync($"{Server.Endpoint}/{bucket}/{key}", body);
        put.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition("moto-aws")]
public sealed class MotoAwsCollection : ICollectionFixture<MotoAwsFixture>;
