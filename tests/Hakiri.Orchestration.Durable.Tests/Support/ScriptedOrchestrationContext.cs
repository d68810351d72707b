using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>
/// A hand-driven orchestration context: each activity call becomes a pending call the test completes when it
/// chooses, so the test sees exactly what the orchestrator has scheduled at each point.
/// </summary>
internal sealed class ScriptedOrchestrationContext : TaskOrchestrationContext
{
    public sealed record PendingCall(string Step, string Input, TaskCompletionSource<string> Result);

    private readonly List<PendingCall> _pending = [];

    public IReadOnlyList<PendingCall> Pending { get { lock (_pending) { return [.. _pending]; } } }

    public void Complete(PendingCall call, string envelope)
    {
        lock (_pending)
        {
            _pending.Remove(call);
        }

        call.Result.SetResult(envelope);
    }

    public override TaskName Name => PipelineOrchestration.Name;

    public override string InstanceId => "20260101T000000Z-abcdef";

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var call = new PendingCall(name.Name, (string)input!, new TaskCompletionSource<string>());
        lock (_pending)
        {
            _pending.Add(call);
        }

        return (Task<TResult>)(object)call.Result.Task;
    }

    /// <summary>The timers the orchestrator created, as waits from <see cref="CurrentUtcDateTime"/>; they fire at once.</summary>
    public List<TimeSpan> Timers { get; } = [];

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt - CurrentUtcDateTime);
        return Task.CompletedTask;
    }

    public override T GetInput<T>() => default!;

    public override void SetCustomStatus(object? customStatus)
    {
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) => throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException();

    public override TaskOrchestrationEntityFeature Entities => throw new NotSupportedException();
}
