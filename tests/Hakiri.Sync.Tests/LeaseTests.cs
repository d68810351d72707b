using Hakiri.Store.Objects;

namespace Hakiri.Sync.Tests;

public sealed class LeaseTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(2);
    private readonly LocalStore _a = new();
    private readonly LocalStore _b = new();
    private readonly InMemoryObjectStore _bucket = new();
    private readonly ManualClock _clock = new();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_HeldByAnother_RefusesNamingHolderAndExpiry()
    {
        await using var held = await SyncLease.AcquireAsync(_bucket, new SyncIdentity("ann@a", "aaaaaaaaaaaa"), "push", Ttl, _clock);

        var refused = await Assert.ThrowsAsync<LeaseHeldException>(() =>
            SyncLease.AcquireAsync(_bucket, new SyncIdentity("bob@b", "bbbbbbbbbbbb"), "push", Ttl, _clock));

        Assert.Contains("ann@a (install aaaaaaaaaaaa) until 2026-12-01 09:02:00Z", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_AfterHolderCrashedAndLeaseExpired_TakesOver()
    {
        var crashed = await SyncLease.AcquireAsync(_bucket, new SyncIdentity("ann@a", "aaaaaaaaaaaa"), "push", Ttl, _clock);
        _clock.Advance(Ttl + TimeSpan.FromSeconds(1));

        await using var taken = await SyncLease.AcquireAsync(_bucket, new SyncIdentity("bob@b", "bbbbbbbbbbbb"), "push", Ttl, _clock);
        var lost = await Assert.ThrowsAsync<LeaseLostException>(() => crashed.RenewAsync());

        Assert.Equal("bob@b", (await SyncLease.ReadAsync(_bucket))!.Holder.Holder);
        Assert.Contains("bob@b", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_Released_NextHolderAcquiresAtOnce()
    {
        await (await SyncLease.AcquireAsync(_bucket, new SyncIdentity("ann@a", "aaaaaaaaaaaa"), "push", Ttl, _clock)).DisposeAsync();

        await using var next = await SyncLease.AcquireAsync(_bucket, new SyncIdentity("bob@b", "bbbbbbbbbbbb"), "push", Ttl, _clock);

        Assert.Equal("bob@b", next.Current.Holder.Holder);
    }

    [Fact]
    public async Task PushAsync_HolderCrashedAfterUploadingSomeBlobs_NothingVisibleAndOtherStoreTakesOverAfterExpiry()
    {
        _a.Commit("orders", "a-1", "1", "2", "3");
        var crashed = await SyncLease.AcquireAsync(_bucket, _a.Client(_bucket, "ann@a").Identity(), "push", Ttl, _clock);
        var partial = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(partial, "1");
        await _bucket.UploadAsync(SyncProtocol.BlobKey(LocalTables.Hash(partial).Sha256), partial, PutCondition.CreateOnly);
        File.Delete(partial);
        _b.Commit("orders", "b-1", "4");

        var refused = await Assert.ThrowsAsync<LeaseHeldException>(() => _b.Client(_bucket, "bob@b", _clock).PushAsync());
        var pulledDuringCrash = await _b.Client(_bucket, "bob@b", _clock).PullAsync();
        _clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var pushed = await _b.Client(_bucket, "bob@b", _clock).PushAsync();
        var pulled = await _a.Client(_bucket, "ann@a", _clock).PullAsync();

        Assert.Contains("ann@a", refused.Message, StringComparison.Ordinal);
        Assert.Null(pulledDuringCrash.Sequence);
        Assert.Equal(1, pushed.Sequence);
        Assert.Equal(SyncOutcomes.Pulled, pulled.Tables.Single().Outcome);
        Assert.Equal(["4"], _a.Contents("orders"));
        await Assert.ThrowsAsync<LeaseLostException>(() => crashed.RenewAsync());
    }

    [Fact]
    public async Task PushAsync_FailsMidUpload_NothingVisibleAndLeaseReleased()
    {
        _a.Commit("orders", "a-1", "1", "2", "3");
        var flaky = new CountingObjectStore(_bucket) { FailAtBlobUpload = 2 };

        await Assert.ThrowsAsync<IOException>(() => _a.Client(flaky, "ann@a", _clock).PushAsync());
        var status = await _b.Client(_bucket, "bob@b", _clock).StatusAsync();

        Assert.Null(status.Sequence);
        Assert.False(status.LeaseActive);
        Assert.Equal("ann@a", status.Lease!.Holder.Holder);
    }

    [Fact]
    public async Task PushAsync_BucketIgnoresConditions_RefusedAndNothingVisible()
    {
        _a.Commit("orders", "1", "1");
        var loose = new UnconditionalObjectStore(_bucket);

        await Assert.ThrowsAsync<ConditionalWritesMissingException>(() => _a.Client(loose, "ann@a").PushAsync());

        Assert.Empty(await _bucket.ListAsync(string.Empty));
    }

    [Fact]
    public async Task PushAsync_SingleWriterOnBucketIgnoringConditions_PushesWithoutLeaseAndOthersPull()
    {
        _a.Commit("orders", "1", "1");
        var loose = new UnconditionalObjectStore(_bucket);

        var pushed = await _a.Client(loose, "ann@a", singleWriter: true).PushAsync();
        await _b.Client(loose, "bob@b").PullAsync();

        Assert.True(pushed.Committed);
        Assert.Null(await SyncLease.ReadAsync(_bucket));
        Assert.Equal(["1"], _b.Contents("orders"));
        Assert.Equal("1", _b.Cursor("orders"));
    }

    [Fact]
    public async Task PushAsync_SingleWriterWhileAnotherHoldsTheLease_RefusedAndNothingVisible()
    {
        _a.Commit("orders", "1", "1");
        await using var held = await SyncLease.AcquireAsync(_bucket, new SyncIdentity("bob@b", "bbbbbbbbbbbb"), "push", Ttl, _clock);

        await Assert.ThrowsAsync<LeaseHeldException>(() => _a.Client(_bucket, "ann@a", _clock, singleWriter: true).PushAsync());

        Assert.Equal([SyncProtocol.LeaseKey], (await _bucket.ListAsync(string.Empty)).Select(o => o.Key));
    }

    [Fact]
    public async Task RunAsync_EnforcingBucket_AllChecksPassAndScratchIsRemoved()
    {
        var report = await BucketProbe.RunAsync(_bucket);

        Assert.All(report.Checks, c => Assert.True(c.Passed, c.Detail));
        Assert.True(report.MultiWriterSafe);
        Assert.Empty(await _bucket.ListAsync(string.Empty));
    }

    [Fact]
    public async Task RunAsync_BucketIgnoresConditions_ReportsMultiWriterUnsafe()
    {
        var report = await BucketProbe.RunAsync(new UnconditionalObjectStore(_bucket));

        Assert.False(report.Checks.Single(c => c.Name == ProbeChecks.ConditionalCreate).Passed);
        Assert.False(report.Checks.Single(c => c.Name == ProbeChecks.ConditionalOverwrite).Passed);
        Assert.True(report.SingleWriterSafe);
        Assert.False(report.MultiWriterSafe);
    }
}
