using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

public sealed class BlobObjectStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UploadAsync_CreateOnlyTwice_SecondLosesTheRace()
    {
        var store = await azurite.StoreAsync("race");
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "catalog");
        await File.WriteAllTextAsync(file, "v1");
        await store.UploadAsync("catalog.sqlite", file, PutCondition.CreateOnly);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog.sqlite", file, PutCondition.CreateOnly));
    }

    [Fact]
    public async Task UploadAsync_StaleVersion_LosesTheRace()
    {
        var store = await azurite.StoreAsync("stale");
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "catalog");
        await File.WriteAllTextAsync(file, "v1");
        var first = await store.UploadAsync("catalog.sqlite", file, PutCondition.CreateOnly);
        var second = await store.UploadAsync("catalog.sqlite", file, PutCondition.ReplaceVersion(first));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog.sqlite", file, PutCondition.ReplaceVersion(first)));
        Assert.Equal(second, await store.DownloadAsync("catalog.sqlite", Path.Combine(temp.Path, "back")));
    }
}

public sealed class AzuriteFixture : IDisposable
{
    private readonly AzuriteServer _server = new();

    public async Task<BlobObjectStore> StoreAsync(string prefix)
    {
        var container = BlobClients.Container("store", _server.Environment.GetValueOrDefault);
        await container.CreateIfNotExistsAsync();
        return new BlobObjectStore(container, prefix);
    }

    public void Dispose() => _server.Dispose();
}
