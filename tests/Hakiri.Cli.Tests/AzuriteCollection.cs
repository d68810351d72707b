using Azure.Storage.Blobs;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>One Azurite Blob service for the CLI's Azure store tests; each test takes its own container.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public AzuriteServer Server { get; } = new();

    /// <summary>A client for a container that does not exist yet.</summary>
    public BlobContainerClient Container() =>
        new BlobServiceClient(Server.ConnectionString).GetBlobContainerClient("hakiri-" + Guid.NewGuid().ToString("N")[..16]);

    /// <summary>A new, empty container.</summary>
    public async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = Container();
        await container.CreateAsync();
        return container;
    }

    /// <summary>The quickstart sample with its store in <paramref name="container"/> under <paramref name="prefix"/>.</summary>
    public static TempDirectory Quickstart(BlobContainerClient container, string prefix) =>
        Samples.CopyQuickstart($"azblob://{container.Name}/{prefix}");

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
