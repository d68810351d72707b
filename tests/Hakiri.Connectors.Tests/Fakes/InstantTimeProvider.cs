using System.Collections.Concurrent;

namespace Hakiri.Connectors.Tests.Fakes;

/// <summary>
/// A clock whose timers fire at once and move "now" forward by their due time: backoff and rate-limit pauses take no
/// real time, and each one is recorded so tests can check how long the connector meant to wait.
/// </summary>
public sealed class InstantTimeProvider : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Every delay waited on this clock, in order.</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    /// <summary>The sum of the delays.</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Waited;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            Interlocked.Add(ref _offsetTicks, Math.Max(0, dueTime.Ticks));
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
