using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.States;

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
