using System.Text.Json.Nodes;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Tests.Support;

/// <summary>
/// A task invoker whose calls wait until the test releases them, so tests can prove how many run at once and
/// finish them in any order without timing.
/// </summary>
internal sealed class GatedTasks : ITaskInvoker
{
    private readonly Lock _lock = new();
    private readonly List<(string Key, TaskCompletionSource<JsonNode?> Gate)> _started = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Func<JsonNode?, string> _key;
    private int _running;

    public GatedTasks(Func<JsonNode?, string> key) => _key = key;

    public int MaxRunning { get; private set; }

    public IReadOnlyList<string> StartOrder
    {
        get
        {
            lock (_lock)
            {
                return [.. _started.Select(s => s.Key)];
            }
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> calls have started.</summary>
    public Task WhenStartedAsync(int count)
    {
        lock (_lock)
        {
            if (_started.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>Lets the call with this key finish with the given result.</summary>
    public void Release(string key, JsonNode? result)
    {
        TaskCompletionSource<JsonNode?> gate;
        lock (_lock)
        {
            gate = _started.Single(s => s.Key == key).Gate;
        }

        gate.SetResult(result);
    }

    public async Task<JsonNode?> InvokeAsync(string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken = default)
    {
        var gate = new TaskCompletionSource<JsonNode?>();
        List<TaskCompletionSource> ready;
        lock (_lock)
        {
            _started.Add((_key(parameters), gate));
            MaxRunning = Math.Max(MaxRunning, ++_running);
            ready = [.. _waiters.Where(w => w.Count <= _started.Count).Select(w => w.Signal)];
            _waiters.RemoveAll(w => w.Count <= _started.Count);
        }

        ready.ForEach(r => r.SetResult());
        try
        {
            return await gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _running--;
            }
        }
    }
}
