using System.Text.Json.Nodes;

namespace Hakiri.Emulator.Tasks;

/// <summary>The execution and state a task attempt runs for, and the channel for its heartbeats.</summary>
public sealed class TaskInvocationContext
{
    private readonly Action? _onHeartbeat;

    internal TaskInvocationContext(
        string executionId,
        string executionName,
        string stateName,
        int retryCount,
        TimeSpan? timeout,
        TimeSpan? heartbeatTimeout,
        JsonObject contextObject,
        Action? onHeartbeat)
    {
        ExecutionId = executionId;
        ExecutionName = executionName;
        StateName = stateName;
        RetryCount = retryCount;
        Timeout = timeout;
        HeartbeatTimeout = heartbeatTimeout;
        ContextObject = contextObject;
        _onHeartbeat = onHeartbeat;
    }

    /// <summary>The execution's id (an ARN-shaped string).</summary>
    public string ExecutionId { get; }

    /// <summary>The execution's name.</summary>
    public string ExecutionName { get; }

    /// <summary>The Task state's name.</summary>
    public string StateName { get; }

    /// <summary>0 for the first attempt, then 1, 2… for retries.</summary>
    public int RetryCount { get; }

    /// <summary>The attempt's time limit (TimeoutSeconds), or <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>
    /// How long the task may go without calling <see cref="SendHeartbeat"/> (HeartbeatSeconds), or
    /// <see langword="null"/> when the state sets no heartbeat.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; }

    /// <summary>A copy of the context object (<c>$$</c>) as the state sees it.</summary>
    public JsonObject ContextObject { get; }

    /// <summary>Tells the emulator the task is alive, like SendTaskHeartbeat; restarts the HeartbeatSeconds clock.</summary>
    public void SendHeartbeat() => _onHeartbeat?.Invoke();
}
