using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.S3.Tests;

[Collection("moto")]
public sealed class S3ObjectStoreTests(MotoFixture moto)
{
    [Fact]
    public async Task Upload_CreateOnlyTwice_SecondIsRefused()
    {
        var store = new S3ObjectStore(moto.Client, await moto.NewBucketAsync(), "p");
        using var dir = new TempDirectory();
        var file = dir.Write("a.txt", "one");

        await store.UploadAsync("k", file, PutCondition.CreateOnly);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("k", file, PutCondition.CreateOnly));
    }

    [Fact]
    public async Task Upload_IfMatchStaleETag_IsRefusedAndCurrentETagWins()
    {
        var store = new S3ObjectStore(moto.Client, await moto.NewBucketAsync(), "p");
        using var dir = new TempDirectory();
        var first = await store.UploadAsync("catalog", dir.Write("v1", "version 1"), PutCondition.CreateOnly);
        var second = await store.UploadAsync("catalog", dir.Write("v2", "version 2"), PutCondition.ReplaceVersion(first));

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UploadAsync("catalog", dir.Write("v3", "version 3"), PutCondition.ReplaceVersion(first)));

        var etag = await store.DownloadAsync("catalog", dir.Combine("read"));
        Assert.Equal(second, etag);
        Assert.Equal("version 2", File.ReadAllText(dir.Combine("read")));
    }

    [Fact]
    public async Task ListDownloadDelete_StayWithinThePrefix()
    {
        var bucket = await moto.NewBucketAsync();
        var store = new S3ObjectStore(moto.Client, bucket, "stores/a");
        var other = new S3ObjectStore(moto.Client, bucket, "stores/ab");
        using var dir = new TempDirectory();
        await store.UploadAsync("data/t/1.parquet", dir.Write("x", "x"), PutCondition.None);
        await store.UploadAsync("data/t/2.parquet", dir.Write("y", "y"), PutCondition.None);
        await other.UploadAsync("data/t/3.parquet", dir.Write("z", "z"), PutCondition.None);

        var listed = await store.ListAsync("data/");
        Assert.Equal(["data/t/1.parquet", "data/t/2.parquet"], listed.Select(o => o.Key));
        Assert.All(listed, o => Assert.InRange(o.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)));
        await store.DeleteAsync("data/t/1.parquet");
        Assert.Equal(["data/t/2.parquet"], (await store.ListAsync(string.Empty)).Select(o => o.Key));
        Assert.Null(await store.DownloadAsync("data/t/1.parquet", dir.Combine("gone")));
        Assert.Equal("s3://" + bucket + "/stores/a", store.Display);
    }
}
