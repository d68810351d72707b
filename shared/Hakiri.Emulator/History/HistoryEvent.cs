namespace Hakiri.Emulator.History;

/// <summary>
/// One event of an execution's history, shaped like Step Functions' GetExecutionHistory: ids, the causing event,
/// a timestamp from the execution's clock, and the details that apply to its type (JSON values are JSON text).
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>The event's id: 1, 2, 3… in the order events happened.</summary>
    public long Id { get; init; }

    /// <summary>The id of the event this one follows in its branch of the execution (0 for the first).</summary>
    public long PreviousEventId { get; init; }

    /// <summary>When the event happened, by the execution's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The event's type.</summary>
    public HistoryEventType Type { get; init; }

    /// <summary>The state's name (state and Map iteration events).</summary>
    public string? StateName { get; init; }

    /// <summary>The input, as JSON text (execution started, state entered, Lambda scheduled).</summary>
    public string? Input { get; init; }

    /// <summary>The output, as JSON text (execution succeeded, state exited, task succeeded).</summary>
    public string? Output { get; init; }

    /// <summary>The error name (failures and timeouts).</summary>
    public string? Error { get; init; }

    /// <summary>The cause (failures and timeouts).</summary>
    public string? Cause { get; init; }

    /// <summary>The resource type, such as <c>lambda</c> for <c>arn:aws:states:::lambda:invoke</c> (task events).</summary>
    public string? ResourceType { get; init; }

    /// <summary>The resource (task events).</summary>
    public string? Resource { get; init; }

    /// <summary>The task's parameters, as JSON text (task scheduled).</summary>
    public string? Parameters { get; init; }

    /// <summary>The attempt's TimeoutSeconds (task scheduled).</summary>
    public long? TimeoutInSeconds { get; init; }

    /// <summary>The attempt's HeartbeatSeconds (task scheduled).</summary>
    public long? HeartbeatInSeconds { get; init; }

    /// <summary>The item's index (Map iteration events).</summary>
    public int? Index { get; init; }

    /// <summary>The number of items (Map state started).</summary>
    public int? Length { get; init; }
}
