using Hakiri.Audit.Journal;
using Hakiri.Model.Manifests;
using Hakiri.Testing;
using static Hakiri.Audit.Tests.AuditRecords;

namespace Hakiri.Audit.Tests;

public sealed class JournalWriterTests
{
    [Fact]
    public void Append_FlushFailsForConcurrentWriters_EveryWaiterThrowsAndNoneReturns()
    {
        using var dir = new TempDirectory();
        var flushes = 0;
        var writer = new JournalWriter(Layout(dir), 1_000, _ =>
        {
            Interlocked.Increment(ref flushes);
            throw new IOException("disk gone");
        });
        const int threads = 8;
        var failures = 0;
        var returned = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                writer.Append(JournalEntry.From(Read($"agent-{t}", Noon, "customers", ["c-1"]), AuditKeyMode.Plain));
                Interlocked.Increment(ref returned);
            }
            catch (IOException e) when (e.Message == "disk gone")
            {
                Interlocked.Increment(ref failures);
            }
        })).ToArray();
        Array.ForEach(workers, w => w.Start());
        Array.ForEach(workers, w => w.Join());

        Assert.Equal(threads, failures);
        Assert.Equal(0, returned);
        Assert.InRange(flushes, 1, threads);
        writer.Close()?.Dispose();
    }

    [Fact]
    public void Append_SegmentFills_ReturnsItOnceAndStartsANewOne()
    {
        using var dir = new TempDirectory();
        var writer = new JournalWriter(Layout(dir), 2);
        var entry = JournalEntry.From(Read("A", Noon, "customers", ["c-1"]), AuditKeyMode.Plain);

        Assert.Null(writer.Append(entry));
        using var full = writer.Append(entry);
        Assert.NotNull(full);
        Assert.Null(writer.Append(entry));
        using var last = writer.Close();

        Assert.NotEqual(full.Path, last!.Path);
        Assert.Equal(2, full.Count);
        Assert.Equal(1, last.Count);
        Assert.Throws<ObjectDisposedException>(() => writer.Append(entry));
    }
}
