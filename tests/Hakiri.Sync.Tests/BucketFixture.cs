using Azure.Storage.Blobs;
using Hakiri.Store.Azure;
using Hakiri.Store.S3;
using Hakiri.Testing;

namespace Hakiri.Sync.Tests;

/// <summary>One moto_server and one Azurite for the tests that sync through real bucket protocols; each test takes its own bucket.</summary>
public sealed class BucketFixture : IDisposable
{
    private readonly Lazy<AzuriteServer> _azurite = new(() => new AzuriteServer());

    public MotoServer Moto { get; } = new();

    /// <summary>A store over a new S3 bucket in moto, reached at <paramref name="endpoint"/> (moto itself, or a proxy in front of it).</summary>
    public async Task<(S3ObjectStore Store, string Bucket)> NewS3Async(string? endpoint = null)
    {
        var bucket = "sync-" + Guid.NewGuid().ToString("N")[..16];
        using (var admin = S3ObjectStore.CreateClient(Moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing")))
        {
            await admin.PutBucketAsync(bucket);
        }

        return (S3Over(endpoint ?? Moto.Endpoint, bucket), bucket);
    }

    public static S3ObjectStore S3Over(string endpoint, string bucket) =>
        new(S3ObjectStore.CreateClient(endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing")), bucket, "team/shop");

    /// <summary>A store over a new container in Azurite (started on first use).</summary>
    public async Task<BlobObjectStore> NewBlobAsync()
    {
        var container = BlobClients.Container("sync-" + Guid.NewGuid().ToString("N")[..16], _azurite.Value.Environment.GetValueOrDefault);
        await container.CreateAsync();
        return new BlobObjectStore(container, "team/shop");
    }

    public void Dispose()
    {
        Moto.Dispose();
        if (_azurite.IsValueCreated)
        {
            _azurite.Value.Dispose();
        }
    }
}

[CollectionDefinition("buckets")]
public sealed class BucketCollection : ICollectionFixture<BucketFixture>;
