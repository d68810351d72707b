using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.States;

/// <summary>A state with Retry and Catch (Task, Parallel, Map) and the result fields those share.</summary>
internal interface IRecoverableState
{
    IReadOnlyList<Retrier> Retry { get; }

    IReadOnlyList<Catcher> Catch { get; }

    PayloadTemplate? ResultSelector { get; }

    JsonPath? ResultPath { get; }
}

/// <summary>A Task state.</summary>
internal sealed class TaskState() : StateDefinition(StateType.Task), IRecoverableState
{
    public string Resource { get; init; } = "";

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;

    public int? TimeoutSeconds { get; init; }

    public JsonPath? TimeoutSecondsPath { get; init; }

    public int? HeartbeatSeconds { get; init; }

    public JsonPath? HeartbeatSecondsPath { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    internal override IEnumerable<string> Transitions => [.. base.Transitions, .. Catch.Select(c => c.Next)];
}

/// <summary>A Parallel state.</summary>
internal sealed class ParallelState() : StateDefinition(StateType.Parallel), IRecoverableState
{
    public IReadOnlyList<StateScope> Branches { get; init; } = [];

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    internal override IEnumerable<string> Transitions => [.. base.Transitions, .. Catch.Select(c => c.Next)];
}

/// <summary>An inline Map state.</summary>
internal sealed class MapState() : StateDefinition(StateType.Map), IRecoverableState
{
    public JsonPath ItemsPath { get; init; } = JsonPath.Root;

    /// <summary>ItemSelector, or the legacy Parameters field, which means the same.</summary>
    public PayloadTemplate? ItemSelector { get; init; }

    public StateScope Processor { get; init; } = new("", new Dictionary<string, StateDefinition>());

    /// <summary>0 means no limit.</summary>
    public int MaxConcurrency { get; init; }

    public JsonPath? MaxConcurrencyPath { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    internal override IEnumerable<string> Transitions => [.. base.Transitions, .. Catch.Select(c => c.Next)];
}
