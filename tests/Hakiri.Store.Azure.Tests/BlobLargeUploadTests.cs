using Azure.Storage;
using Azure.Storage.Blobs.Specialized;
using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

/// <summary>Files large enough that the SDK stages blocks and commits a block list: the conditions still hold.</summary>
[Collection("azurite")]
public sealed class BlobLargeUploadTests(AzuriteFixture azurite)
{
    private const int Size = (6 * 1024 * 1024) + 123;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UploadAsync_LargeFile_KeepsItsConditionsAndContent(bool inBlocks)
    {
        var store = new BlobObjectStore(await azurite.NewContainerAsync(), "large")
        {
            Transfer = inBlocks ? new StorageTransferOptions { InitialTransferSize = 1024 * 1024, MaximumTransferSize = 1024 * 1024 } : null,
        };
        using var dir = new TempDirectory();
        var first = Write(dir.Combine("first"), 1);
        var second = Write(dir.Combine("second"), 2);

        var created = await store.UploadAsync("catalog.sqlite", first, PutCondition.CreateOnly);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog.sqlite", second, PutCondition.CreateOnly));
        var replaced = await store.UploadAsync("catalog.sqlite", second, PutCondition.ReplaceVersion(created));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog.sqlite", first, PutCondition.ReplaceVersion(created)));

        Assert.Equal(replaced, await store.DownloadAsync("catalog.sqlite", dir.Combine("back")));
        Assert.Equal(await File.ReadAllBytesAsync(second), await File.ReadAllBytesAsync(dir.Combine("back")));
        var blocks = await store.Container.GetBlockBlobClient("large/catalog.sqlite").GetBlockListAsync();
        Assert.Equal(inBlocks, blocks.Value.CommittedBlocks.Count() == 7);
    }

    private static string Write(string path, int seed)
    {
        var bytes = new byte[Size];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
