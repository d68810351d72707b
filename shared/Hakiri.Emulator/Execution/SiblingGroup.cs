using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;

namespace Hakiri.Emulator.Execution;

/// <summary>
/// Parallel branches or Map iterations of one attempt: the first failure stops the others, as in Step Functions,
/// and is what the state reports.
/// </summary>
internal sealed class SiblingGroup(CancellationToken outer) : IDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
    private readonly Lock _lock = new();
    private StateFailure? _failure;

    public CancellationToken Token => _stop.Token;

    public void Fail(StateFailure failure)
    {
        lock (_lock)
        {
            _failure ??= failure;
        }

        _stop.Cancel();
    }

    /// <summary>
    /// After every sibling ended: rethrows the execution's cancellation, or records the state's failed event and
    /// throws the first failure, or records its succeeded event.
    /// </summary>
    public void Complete(StateStep step, HistoryEventType failed, HistoryEventType succeeded)
    {
        step.Cursor.LastEventId = step.Run.History.LastEventId;
        step.CancellationToken.ThrowIfCancellationRequested();
        if (_failure is not null)
        {
            step.Record(failed);
            throw _failure;
        }

        step.Record(succeeded);
    }

    public void Dispose() => _stop.Dispose();
}
