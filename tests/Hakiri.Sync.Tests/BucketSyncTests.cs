using Hakiri.Store.Objects;
using Hakiri.Testing.Http;

namespace Hakiri.Sync.Tests;

/// <summary>The protocol over real bucket APIs: S3 (moto_server enforces If-None-Match and If-Match) and Blob (Azurite).</summary>
[Collection("buckets")]
public sealed class BucketSyncTests(BucketFixture buckets) : IDisposable
{
    private readonly LocalStore _a = new();
    private readonly LocalStore _b = new();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task PushPull_ThroughMoto_SecondStoreGetsTablesAndOnlyChangedFilesMove()
    {
        var (s3, _) = await buckets.NewS3Async();
        using var store = s3;
        _a.Commit("orders", "{\"since\":\"2026-11-30T17:45:12Z\"}", "1\n2", "3");

        var first = await _a.Client(store, "ann@a").PushAsync();
        await _b.Client(store, "bob@b").PullAsync();
        _a.Commit("orders", "{\"since\":\"2026-12-01T08:00:00Z\"}", "1\n2", "3", "4");
        var second = await _a.Client(store, "ann@a").PushAsync();
        var pull = await _b.Client(store, "bob@b").PullAsync();

        Assert.Equal((1L, 2), (first.Sequence!.Value, first.BlobsUploaded));
        Assert.Equal((2L, 1), (second.Sequence!.Value, second.BlobsUploaded));
        Assert.Equal(1, pull.BlobsDownloaded);
        Assert.Equal(["1\n2", "3", "4"], _b.Contents("orders"));
        Assert.Equal("{\"since\":\"2026-12-01T08:00:00Z\"}", _b.Cursor("orders"));
    }

    [Fact]
    public async Task PushAsync_ConcurrentPushesThroughMoto_OneHoldsLeaseLoserRefusedAndNothingOfItVisible()
    {
        var (direct, bucket) = await buckets.NewS3Async();
        using var store = direct;
        await using var proxy = await BucketProxy.StartAsync(buckets.Moto.Endpoint);
        proxy.StallPutsAfter = 1;
        using var slow = BucketFixture.S3Over(proxy.Endpoint, bucket);
        _b.Commit("orders", "b", "b1");
        _a.Commit("orders", "a", "a1", "a2", "a3");

        var pushA = _a.Client(slow, "ann@a").PushAsync();
        await proxy.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        var refused = await Assert.ThrowsAsync<LeaseHeldException>(() => _b.Client(store, "bob@b").PushAsync());
        var during = await _b.Client(store, "bob@b").StatusAsync();
        proxy.Release();
        var pushed = await pushA;
        var pulled = await _b.Client(store, "bob@b").PullAsync();

        Assert.Contains("ann@a", refused.Message, StringComparison.Ordinal);
        Assert.Null(during.Sequence);
        Assert.True(during.LeaseActive);
        Assert.Equal(1, pushed.Sequence);
        Assert.Equal(SyncOutcomes.Pulled, pulled.Tables.Single().Outcome);
        Assert.Equal(["a1", "a2", "a3"], _b.Contents("orders"));
    }

    [Fact]
    public async Task Diagnose_MotoBehindProxyIgnoringConditions_UnsafeAndPushRefused()
    {
        var (direct, bucket) = await buckets.NewS3Async();
        using var store = direct;
        await using var proxy = await BucketProxy.StartAsync(buckets.Moto.Endpoint);
        proxy.StripConditions = true;
        using var loose = BucketFixture.S3Over(proxy.Endpoint, bucket);
        _a.Commit("orders", "a", "a1");

        var safe = await BucketProbe.RunAsync(store);
        var unsafeReport = await BucketProbe.RunAsync(loose);
        await Assert.ThrowsAsync<ConditionalWritesMissingException>(() => _a.Client(loose, "ann@a").PushAsync());

        Assert.True(safe.MultiWriterSafe, string.Join("; ", safe.Checks));
        Assert.False(unsafeReport.MultiWriterSafe);
        Assert.True(unsafeReport.SingleWriterSafe);
        Assert.Empty(await store.ListAsync(string.Empty));
    }

    [Fact]
    public async Task PushPull_ThroughAzurite_RoundTrips()
    {
        var store = await buckets.NewBlobAsync();
        _a.Commit("orders", "c-1", "x", "y");

        var probe = await BucketProbe.RunAsync(store);
        await _a.Client(store, "ann@a").PushAsync();
        _b.Commit("customers", null, "local only");
        var pull = await _b.Client(store, "bob@b").PullAsync();
        var push = await _b.Client(store, "bob@b").PushAsync();

        Assert.True(probe.MultiWriterSafe, string.Join("; ", probe.Checks));
        Assert.Equal(SyncOutcomes.Pulled, pull.Tables.Single().Outcome);
        Assert.Equal(["x", "y"], _b.Contents("orders"));
        Assert.Equal("c-1", _b.Cursor("orders"));
        Assert.Equal(2, push.Sequence);
        Assert.Equal([SyncOutcomes.Pushed, SyncOutcomes.UpToDate], push.Tables.OrderBy(t => t.Table).Select(t => t.Outcome));
    }
}
