using Amazon.S3;
using Hakiri.Store.S3;
using Hakiri.Testing;

namespace Hakiri.Store.S3.Tests;

/// <summary>One moto_server for the S3 tests, and a client pointed at it.</summary>
public sealed class MotoFixture : IDisposable
{
    public MotoFixture()
    {
        Server = new MotoServer();
        Client = S3ObjectStore.CreateClient(Server.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
    }

    public MotoServer Server { get; }

    public IAmazonS3 Client { get; }

    public async Task<string> NewBucketAsync()
    {
        var name = "hakiri-" + Guid.NewGuid().ToString("N")[..16];
        await Client.PutBucketAsync(name);
        return name;
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>;
