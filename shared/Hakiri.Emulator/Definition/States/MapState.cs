using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.States;

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
