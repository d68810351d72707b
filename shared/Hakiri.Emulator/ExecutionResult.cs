using System.Text.Json.Nodes;
using Hakiri.Emulator.History;

namespace Hakiri.Emulator;

/// <summary>How an execution ended.</summary>
public enum ExecutionStatus
{
    /// <summary>It reached a terminal state without error.</summary>
    Succeeded,

    /// <summary>An error was not caught.</summary>
    Failed,

    /// <summary>It ran past the definition's TimeoutSeconds.</summary>
    TimedOut,

    /// <summary>It was stopped through its cancellation token.</summary>
    Aborted,
}

/// <summary>The outcome of one execution: status, output or error, and the full history.</summary>
public sealed class ExecutionResult
{
    internal ExecutionResult(
        ExecutionStatus status,
        JsonNode? output,
        string? error,
        string? cause,
        string executionId,
        string executionName,
        DateTimeOffset startDate,
        DateTimeOffset stopDate,
        IReadOnlyList<HistoryEvent> history)
    {
        Status = status;
        Output = output;
        Error = error;
        Cause = cause;
        ExecutionId = executionId;
        ExecutionName = executionName;
        StartDate = startDate;
        StopDate = stopDate;
        History = history;
    }

    /// <summary>How the execution ended.</summary>
    public ExecutionStatus Status { get; }

    /// <summary>The final output when it succeeded; <see langword="null"/> otherwise (or when the output is JSON null).</summary>
    public JsonNode? Output { get; }

    /// <summary>The error name when it did not succeed.</summary>
    public string? Error { get; }

    /// <summary>The cause when it did not succeed.</summary>
    public string? Cause { get; }

    /// <summary>The execution's id (ARN-shaped, like <c>$$.Execution.Id</c>).</summary>
    public string ExecutionId { get; }

    /// <summary>The execution's name.</summary>
    public string ExecutionName { get; }

    /// <summary>When it started, by the execution's clock.</summary>
    public DateTimeOffset StartDate { get; }

    /// <summary>When it stopped, by the execution's clock.</summary>
    public DateTimeOffset StopDate { get; }

    /// <summary>Every event, in order.</summary>
    public IReadOnlyList<HistoryEvent> History { get; }

    /// <summary>The history as GetExecutionHistory-shaped JSON, to keep beside a run.</summary>
    public string HistoryJson(bool indented = true) => ExecutionHistoryJson.Serialize(History, indented);
}
