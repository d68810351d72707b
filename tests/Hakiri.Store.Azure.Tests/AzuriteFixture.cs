using Azure.Storage.Blobs;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

/// <summary>One Azurite Blob service for the Azure store tests; each test takes its own container.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public AzuriteServer Server { get; } = new();

    /// <summary>A new, empty container.</summary>
    public async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = BlobClients.Container("hakiri-" + Guid.NewGuid().ToString("N")[..16], Server.Environment.GetValueOrDefault);
        await container.CreateAsync();
        return container;
    }

    /// <summary>A store over a new container and <paramref name="prefix"/>.</summary>
    public async Task<BlobObjectStore> StoreAsync(string prefix) => new(await NewContainerAsync(), prefix);

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
