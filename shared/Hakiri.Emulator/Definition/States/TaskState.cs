using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.States;

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
