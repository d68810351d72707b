using Azure.Storage.Blobs;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

/// <summary>A store that cannot be used says so in one sentence naming the container and what to do.</summary>
[Collection("azurite")]
public sealed class BlobStoreErrorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task VerifyAsync_MissingContainer_SaysHowToCreateIt()
    {
        var store = new BlobObjectStore(BlobClients.Container("no-such-store", azurite.Server.Environment.GetValueOrDefault), "shop");

        var error = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.VerifyAsync());

        Assert.Equal(
            "The container 'no-such-store' of the store azblob://no-such-store/shop does not exist in storage account devstoreaccount1: create it with `az storage container create -n no-such-store --account-name devstoreaccount1` (or `--connection-string` for Azurite) and run again.",
            error.Message);
    }

    [Fact]
    public async Task DownloadAsync_MissingContainer_IsNotAMissingBlob()
    {
        var store = new BlobObjectStore(BlobClients.Container("no-such-store", azurite.Server.Environment.GetValueOrDefault), "shop");
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.DownloadAsync("catalog.sqlite", dir.Combine("c")));

        Assert.Contains("'no-such-store'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_WrongAccountKey_IsRefusedWithASentence()
    {
        var container = await azurite.NewContainerAsync();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = azurite.Server.ConnectionString.Replace(AzuriteServer.AccountKey, wrongKey, StringComparison.Ordinal);
        var store = new BlobObjectStore(new BlobServiceClient(connection).GetBlobContainerClient(container.Name), "shop");

        var error = await Assert.ThrowsAsync<BlobStoreUnavailableException>(() => store.VerifyAsync());

        Assert.StartsWith($"Storage account devstoreaccount1 refused access to the store azblob://{container.Name}/shop (", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage Blob Data Contributor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NoAccountConfigured_NamesTheWholeStore()
    {
        var error = Assert.Throws<BlobStorageNotConfiguredException>(() => BlobObjectStore.Open(new Model.Manifests.AzureBlobStoreLocation("store", "teams/shop"), _ => " "));

        Assert.StartsWith("The store azblob://store/teams/shop names no storage account: set AZURE_STORAGE_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ConnectionString_ReachesTheContainer()
    {
        var container = await azurite.NewContainerAsync();
        var store = BlobObjectStore.Open(new Model.Manifests.AzureBlobStoreLocation(container.Name, "shop"), azurite.Server.Environment.GetValueOrDefault);

        await store.VerifyAsync();
        Assert.Equal($"azblob://{container.Name}/shop", store.Display);
    }

    [Fact]
    public void Container_NoAccountConfigured_SaysWhichVariablesToSet()
    {
        var error = Assert.Throws<BlobStorageNotConfiguredException>(() => BlobClients.Container("store", _ => null));

        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
        Assert.Contains("AZURE_STORAGE_ACCOUNT", error.Message, StringComparison.Ordinal);
    }
}
