namespace Hakiri.Testing;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time: retry back-offs and waits of seconds take
/// milliseconds, while order and relative durations are kept (so a state machine still waits, just briefly).
/// </summary>
public sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _startTicks = System.GetTimestamp();

    /// <summary>How many times faster than real time the clock runs.</summary>
    public double Factor { get; } = factor;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_startTicks) * Factor;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;
}
