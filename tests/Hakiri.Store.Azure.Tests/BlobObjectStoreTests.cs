using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

/// <summary>The object-store seam on Azurite: missing keys, prefixes, ETags and the two conditions.</summary>
[Collection("azurite")]
public sealed class BlobObjectStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UploadAsync_CreateOnlyTwice_SecondLosesTheRace()
    {
        var store = await azurite.StoreAsync("race");
        using var temp = new TempDirectory();
        var file = temp.Write("catalog", "v1");
        await store.UploadAsync("catalog.sqlite", file, PutCondition.CreateOnly);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog.sqlite", file, PutCondition.CreateOnly));
    }

    [Fact]
    public async Task UploadAsync_StaleVersion_LosesTheRace()
    {
        var store = await azurite.StoreAsync("stale");
        using var temp = new TempDirectory();
        var file = temp.Write("catalog", "v1");
        var first = await store.UploadAsync("catalog.sqlite", file, PutCondition.CreateOnly);
        var second = await store.UploadAsync("catalog.sqlite", file, PutCondition.ReplaceVersion(first));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog.sqlite", file, PutCondition.ReplaceVersion(first)));
        Assert.Equal(second, await store.DownloadAsync("catalog.sqlite", temp.Combine("back")));
    }

    [Fact]
    public async Task DownloadAsync_ETag_IsTheNextIfMatch()
    {
        var store = await azurite.StoreAsync("etag");
        using var temp = new TempDirectory();
        await store.UploadAsync("catalog.sqlite", temp.Write("v1", "one"), PutCondition.CreateOnly);

        var read = await store.DownloadAsync("catalog.sqlite", temp.Combine("read"));
        var replaced = await store.UploadAsync("catalog.sqlite", temp.Write("v2", "two"), PutCondition.ReplaceVersion(read!));

        Assert.NotEqual(read, replaced);
        Assert.Equal(replaced, await store.DownloadAsync("catalog.sqlite", temp.Combine("again")));
        Assert.Equal("two", await File.ReadAllTextAsync(temp.Combine("again")));
    }

    [Fact]
    public async Task DownloadAsync_MissingKey_ReturnsNullAndWritesNothing()
    {
        var store = await azurite.StoreAsync("missing");
        using var temp = new TempDirectory();

        Assert.Null(await store.DownloadAsync("catalog.sqlite", temp.Combine("catalog.sqlite")));
        Assert.False(File.Exists(temp.Combine("catalog.sqlite")));
    }

    [Fact]
    public async Task DeleteAsync_MissingKey_IsFine()
    {
        var store = await azurite.StoreAsync("delete");
        using var temp = new TempDirectory();
        await store.UploadAsync("data/t/1.parquet", temp.Write("x", "x"), PutCondition.None);

        await store.DeleteAsync("data/t/2.parquet");
        await store.DeleteAsync("data/t/1.parquet");
        await store.DeleteAsync("data/t/1.parquet");

        Assert.Empty(await store.ListAsync(string.Empty));
    }

    [Fact]
    public async Task ListDownloadDelete_StayWithinThePrefix()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobObjectStore(container, "stores/a");
        var other = new BlobObjectStore(container, "stores/ab/");
        using var dir = new TempDirectory();
        await store.UploadAsync("data/t/1.parquet", dir.Write("x", "x"), PutCondition.None);
        await store.UploadAsync("data/t/2.parquet", dir.Write("y", "y"), PutCondition.None);
        await other.UploadAsync("data/t/3.parquet", dir.Write("z", "z"), PutCondition.None);

        var listed = await store.ListAsync("data/");
        Assert.Equal(["data/t/1.parquet", "data/t/2.parquet"], listed.Select(o => o.Key));
        Assert.All(listed, o => Assert.InRange(o.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)));
        await store.DeleteAsync("data/t/1.parquet");
        Assert.Equal(["data/t/2.parquet"], (await store.ListAsync(string.Empty)).Select(o => o.Key));
        Assert.Equal(["data/t/3.parquet"], (await other.ListAsync(string.Empty)).Select(o => o.Key));
        Assert.Equal($"azblob://{container.Name}/stores/a", store.Display);
    }

    [Fact]
    public async Task ListAsync_ManyPages_ReturnsEveryBlobInOrdinalOrder()
    {
        var container = await azurite.NewContainerAsync();
        var store = new BlobObjectStore(container, "paged") { ListPageSize = 7 };
        using var dir = new TempDirectory();
        var file = dir.Write("x", "x");
        // Upper case sorts before lower case in ordinal order; digits before both.
        var keys = Enumerable.Range(0, 300).Select(i => $"data/{(i % 3 == 0 ? "B" : "a")}{i:D3}.parquet").ToArray();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, token) =>
            await store.UploadAsync(key, file, PutCondition.None, token));

        var listed = await store.ListAsync("data/");

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(o => o.Key));
        Assert.StartsWith("data/B", listed[0].Key, StringComparison.Ordinal);
    }
}
