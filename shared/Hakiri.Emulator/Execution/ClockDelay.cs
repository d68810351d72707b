namespace Hakiri.Emulator.Execution;

/// <summary>
/// Waits on a <see cref="TimeProvider"/>. Unlike <c>Task.Delay(TimeSpan, TimeProvider, CancellationToken)</c>, which
/// resumes on the thread pool, the execution resumes inside the timer's callback: a manual clock that fires a timer
/// then sees the execution settle before it looks for the next one, so tests can jump time without racing it.
/// </summary>
internal static class ClockDelay
{
    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var wait = new PendingDelay(cancellationToken);
        wait.Start(time, delay);
        return wait.Task;
    }

    private sealed class PendingDelay(CancellationToken cancellationToken) : TaskCompletionSource
    {
        private readonly Lock _lock = new();
        private ITimer? _timer;
        private CancellationTokenRegistration _registration;

        public void Start(TimeProvider time, TimeSpan delay)
        {
            var timer = time.CreateTimer(static s => ((PendingDelay)s!).Finish(canceled: false), this, delay, Timeout.InfiniteTimeSpan);
            var registration = cancellationToken.Register(static s => ((PendingDelay)s!).Finish(canceled: true), this);
            lock (_lock)
            {
                _timer = timer;
                _registration = registration;
            }

            if (Task.IsCompleted)
            {
                Release();
            }
        }

        private void Finish(bool canceled)
        {
            var done = canceled ? TrySetCanceled(cancellationToken) : TrySetResult();
            if (done)
            {
                Release();
            }
        }

        private void Release()
        {
            ITimer? timer;
            CancellationTokenRegistration registration;
            lock (_lock)
            {
                (timer, _timer) = (_timer, null);
                (registration, _registration) = (_registration, default);
            }

            timer?.Dispose();
            registration.Dispose();
        }
    }
}
