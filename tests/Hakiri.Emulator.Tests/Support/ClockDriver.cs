namespace Hakiri.Emulator.Tests.Support;

/// <summary>
/// Runs an execution against a <see cref="ManualTimeProvider"/>: whenever the execution waits on a timer, the clock
/// jumps to that timer. Nothing sleeps; the guard only turns a hung test into a failure.
/// Timer callbacks run inside <see cref="ManualTimeProvider.AdvanceToNextTimer"/> and the interpreter continues inline,
/// so test invokers that wait on the clock must do the same (the emulator's <c>ClockDelay</c> with
/// <c>ConfigureAwait(false)</c>): a continuation queued elsewhere would let the driver jump past timers the run is
/// about to disarm.
/// </summary>
internal static class ClockDriver
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    public static async Task<T> DriveAsync<T>(this ManualTimeProvider clock, Task<T> run)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var hung = Task.Delay(Timeout.InfiniteTimeSpan, guard.Token);
        while (!run.IsCompleted)
        {
            var first = await Task.WhenAny(run, clock.WhenTimerArmedAsync(), hung);
            if (first == hung)
            {
                throw new TimeoutException("The execution neither finished nor waited on the clock.");
            }

            if (!run.IsCompleted)
            {
                AdvanceOutsideContext(clock);
            }
        }

        return await run;
    }

    /// <summary>
    /// Continuations only run inline on a thread without a synchronization context; xunit's would send the
    /// execution's next steps to the thread pool and let them race the clock.
    /// </summary>
    private static void AdvanceOutsideContext(ManualTimeProvider clock)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            clock.AdvanceToNextTimer();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
