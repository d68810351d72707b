using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.History;

namespace Hakiri.Emulator.Execution;

/// <summary>One entry into one state: its raw input, where it writes history, its context and its cancellation.</summary>
internal sealed record StateStep(ExecutionRun Run, StateDefinition State, JsonNode? Input, EventCursor Cursor, ContextObject Context, CancellationToken CancellationToken)
{
    public HistoryEvent Record(HistoryEventType type, HistoryEvent? details = null) =>
        Run.History.Add(Cursor, (details ?? new HistoryEvent()) with { Type = type });

    public DataScope Scope(JsonNode? data, ContextObject? context = null) => new(data, context ?? Context, Run.Random);

    /// <summary>The state's exited event with its output; every state type but Fail has one.</summary>
    public void RecordExit(JsonNode? output) =>
        Record(StateEvents.Exited(State.Type), new HistoryEvent { StateName = State.Name, Output = Json.JsonText.Write(output) });
}

/// <summary>What a state hands to the runner: its output and the next state (<see langword="null"/> when it ends).</summary>
internal readonly record struct StateOutcome(JsonNode? Output, string? Next);

/// <summary>The entered, exited and aborted event types of each state type.</summary>
internal static class StateEvents
{
    public static HistoryEventType Entered(StateType type) => type switch
    {
        StateType.Pass => HistoryEventType.PassStateEntered,
        StateType.Task => HistoryEventType.TaskStateEntered,
        StateType.Choice => HistoryEventType.ChoiceStateEntered,
        StateType.Wait => HistoryEventType.WaitStateEntered,
        StateType.Succeed => HistoryEventType.SucceedStateEntered,
        StateType.Fail => HistoryEventType.FailStateEntered,
        StateType.Parallel => HistoryEventType.ParallelStateEntered,
        _ => HistoryEventType.MapStateEntered,
    };

    public static HistoryEventType Exited(StateType type) => type switch
    {
        StateType.Pass => HistoryEventType.PassStateExited,
        StateType.Task => HistoryEventType.TaskStateExited,
        StateType.Choice => HistoryEventType.ChoiceStateExited,
        StateType.Wait => HistoryEventType.WaitStateExited,
        StateType.Succeed => HistoryEventType.SucceedStateExited,
        StateType.Parallel => HistoryEventType.ParallelStateExited,
        _ => HistoryEventType.MapStateExited,
    };

    /// <summary>The event for a state stopped mid-way, for the types that can be; instant states have none.</summary>
    public static HistoryEventType? Aborted(StateType type) => type switch
    {
        StateType.Task => HistoryEventType.TaskStateAborted,
        StateType.Wait => HistoryEventType.WaitStateAborted,
        StateType.Parallel => HistoryEventType.ParallelStateAborted,
        StateType.Map => HistoryEventType.MapStateAborted,
        _ => null,
    };
}
