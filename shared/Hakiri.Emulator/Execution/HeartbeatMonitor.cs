namespace Hakiri.Emulator.Execution;

/// <summary>Fires once when a task goes HeartbeatSeconds without a heartbeat; each heartbeat restarts the wait.</summary>
internal sealed class HeartbeatMonitor : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private bool _stopped;

    public HeartbeatMonitor(TimeProvider time, TimeSpan interval, Action onMissed)
    {
        _interval = interval;
        _timer = time.CreateTimer(_ => Missed(onMissed), null, interval, Timeout.InfiniteTimeSpan);
    }

    public void Beat()
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
        }

        _timer.Dispose();
    }

    private void Missed(Action onMissed)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
        }

        onMissed();
    }
}
