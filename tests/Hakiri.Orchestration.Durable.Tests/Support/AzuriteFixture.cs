using Hakiri.Store.Azure;
using Hakiri.Testing;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>One Azurite for the collection; each run gets its own prefix in the <c>store</c> container.</summary>
public sealed class AzuriteFixture : IDisposable
{
    private readonly AzuriteServer _server = new();

    public async Task<BlobObjectStore> StoreAsync()
    {
        var container = BlobClients.Container("store", _server.Environment.GetValueOrDefault);
        await container.CreateIfNotExistsAsync();
        return new BlobObjectStore(container, "run-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public void Dispose() => _server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
