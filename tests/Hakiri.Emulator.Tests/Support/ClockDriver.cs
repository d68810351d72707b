namespace Hakiri.Emulator.Tests.Support;

/// <summary>
/// Runs an execution against a <see cref="ManualTimeProvider"/>: whenever the execution waits on a timer, the clock
/// jumps to that timer. Nothing sleeps; the guard only turns a hung test into a failure.
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
                clock.AdvanceToNextTimer();
            }
        }

        return await run;
    }
}
