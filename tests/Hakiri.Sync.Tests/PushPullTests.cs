using Hakiri.Store.Objects;

namespace Hakiri.Sync.Tests;

public sealed class PushPullTests : IDisposable
{
    private readonly LocalStore _a = new();
    private readonly LocalStore _b = new();
    private readonly InMemoryObjectStore _bucket = new();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task Pull_AfterPushFromOtherStore_HasSameFilesAndCursor()
    {
        _a.Commit("orders", "{\"since\":\"2026-11-01\"}", "1\n2", "3");
        _a.Commit("customers", null, "c1");

        var pushed = await _a.Client(_bucket, "ann@laptop-a").PushAsync();
        var pulled = await _b.Client(_bucket, "bob@laptop-b").PullAsync();

        Assert.True(pushed.Committed);
        Assert.Equal(3, pushed.BlobsUploaded);
        Assert.All(pulled.Tables, t => Assert.Equal(SyncOutcomes.Pulled, t.Outcome));
        Assert.Equal(3, pulled.BlobsDownloaded);
        Assert.Equal(_a.Contents("orders"), _b.Contents("orders"));
        Assert.Equal(_a.Contents("customers"), _b.Contents("customers"));
        Assert.Equal("{\"since\":\"2026-11-01\"}", _b.Cursor("orders"));
    }

    [Fact]
    public async Task Push_SecondTimeAfterOneTableChanged_UploadsOnlyItsNewFiles()
    {
        var counting = new CountingObjectStore(_bucket);
        _a.Commit("orders", "1", "1\n2");
        _a.Commit("customers", null, "c1", "c2");
        await _a.Client(counting, "ann@a").PushAsync();
        var first = counting.BlobUploads;

        _a.Commit("orders", "2", "1\n2", "3");
        var second = await _a.Client(counting, "ann@a").PushAsync();

        Assert.Equal(3, first);
        Assert.Equal(1, counting.BlobUploads - first);
        Assert.Equal(1, second.BlobsUploaded);
        Assert.Equal(SyncOutcomes.Pushed, second.Tables.Single(t => t.Table == "orders").Outcome);
        Assert.Equal(SyncOutcomes.UpToDate, second.Tables.Single(t => t.Table == "customers").Outcome);
    }

    [Fact]
    public async Task Push_NothingChanged_CommitsNoSnapshot()
    {
        _a.Commit("orders", "1", "1");
        await _a.Client(_bucket, "ann@a").PushAsync();

        var again = await _a.Client(_bucket, "ann@a").PushAsync();

        Assert.False(again.Committed);
        Assert.Equal(1, again.Sequence);
    }

    [Fact]
    public async Task Push_RemoteChangedAndLocalDidNot_LeavesRemoteAndSaysPullFirst()
    {
        _a.Commit("orders", "1", "1");
        await _a.Client(_bucket, "ann@a").PushAsync();
        await _b.Client(_bucket, "bob@b").PullAsync();
        _b.Commit("orders", "2", "1", "2");
        await _b.Client(_bucket, "bob@b").PushAsync();

        var push = await _a.Client(_bucket, "ann@a").PushAsync();
        var pull = await _a.Client(_bucket, "ann@a").PullAsync();

        var report = push.Tables.Single();
        Assert.Equal(SyncOutcomes.RemoteNewer, report.Outcome);
        Assert.Contains("hakiri sync pull", report.Note, StringComparison.Ordinal);
        Assert.False(push.Committed);
        Assert.Equal(SyncOutcomes.Pulled, pull.Tables.Single().Outcome);
        Assert.Equal("2", _a.Cursor("orders"));
        Assert.Equal(1, pull.FilesDeleted);
    }

    [Fact]
    public async Task Push_BothChanged_LaterCommitWinsAndLoserIsReported()
    {
        _a.Commit("orders", "1", "1");
        await _a.Client(_bucket, "ann@a").PushAsync();
        await _b.Client(_bucket, "bob@b").PullAsync();
        _b.Commit("orders", "b", "from b");
        await _b.Client(_bucket, "bob@b").PushAsync();
        _a.Commit("orders", "a", "from a");

        var push = await _a.Client(_bucket, "ann@a").PushAsync();
        var pull = await _b.Client(_bucket, "bob@b").PullAsync();

        var report = push.Tables.Single();
        Assert.Equal(SyncOutcomes.Pushed, report.Outcome);
        Assert.Contains("bob@b", report.Note, StringComparison.Ordinal);
        Assert.Equal(3, report.Version);
        Assert.Equal(["from a"], _b.Contents("orders"));
        Assert.Equal("a", _b.Cursor("orders"));
        Assert.Equal(SyncOutcomes.Pulled, pull.Tables.Single().Outcome);
    }

    [Fact]
    public async Task Pull_RemoteOlderThanWhatStoreHas_LeavesCursor()
    {
        _a.Commit("orders", "cursor-1", "1");
        await _a.Client(_bucket, "ann@a").PushAsync();
        var oldHead = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        await _bucket.DownloadAsync(SyncProtocol.HeadKey, oldHead);
        _a.Commit("orders", "cursor-2", "1", "2");
        await _a.Client(_bucket, "ann@a").PushAsync();
        await _b.Client(_bucket, "bob@b").PullAsync();

        // The pointer goes back to the first snapshot (a restored backup, a stale replica).
        await _bucket.UploadAsync(SyncProtocol.HeadKey, oldHead, PutCondition.None);
        File.Delete(oldHead);
        var pull = await _b.Client(_bucket, "bob@b").PullAsync();
        var push = await _b.Client(_bucket, "bob@b").PushAsync();

        Assert.Equal(SyncOutcomes.RemoteOlder, pull.Tables.Single().Outcome);
        Assert.Equal(SyncOutcomes.RemoteOlder, push.Tables.Single().Outcome);
        Assert.Equal("cursor-2", _b.Cursor("orders"));
        Assert.Equal(2, _b.Contents("orders").Count);
    }

    [Fact]
    public async Task Status_LocalChangeAndRemoteChange_SaysWhatMovesEachWay()
    {
        _a.Commit("orders", "1", "1");
        _a.Commit("customers", null, "c");
        await _a.Client(_bucket, "ann@a").PushAsync();
        await _b.Client(_bucket, "bob@b").PullAsync();
        _b.Commit("customers", null, "c", "d");
        await _b.Client(_bucket, "bob@b").PushAsync();
        _a.Commit("orders", "2", "1", "22");

        var status = await _a.Client(_bucket, "ann@a").StatusAsync();

        var orders = status.Tables.Single(t => t.Table == "orders");
        var customers = status.Tables.Single(t => t.Table == "customers");
        Assert.Equal(("push", 1, 2L), (orders.Direction, orders.FilesToUpload, orders.BytesToUpload));
        Assert.Equal(("pull", 1, 1L), (customers.Direction, customers.FilesToDownload, customers.BytesToDownload));
        Assert.Equal(2, status.Sequence);
        Assert.False(status.LeaseActive);
    }

    [Fact]
    public async Task Push_SameStoreToTwoRemotes_EachRemoteCountsItsOwnVersions()
    {
        var other = new RenamedObjectStore(new InMemoryObjectStore(), "memory://other");
        _a.Commit("orders", "1", "1");
        await _a.Client(_bucket, "ann@a").PushAsync();
        _a.Commit("orders", "2", "2");
        await _a.Client(_bucket, "ann@a").PushAsync();

        var first = await _a.Client(other, "ann@a").PushAsync();
        var again = await _a.Client(_bucket, "ann@a").PushAsync();

        Assert.Equal(1, first.Tables.Single().Version);
        Assert.Equal(SyncOutcomes.UpToDate, again.Tables.Single().Outcome);
    }
}
