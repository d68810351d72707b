using System.Text.Json.Nodes;
using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.States;

/// <summary>A Pass state.</summary>
internal sealed class PassState() : StateDefinition(StateType.Pass)
{
    public PayloadTemplate? Parameters { get; init; }

    /// <summary>True when the definition has a Result field (its value may be JSON null).</summary>
    public bool HasResult { get; init; }

    public JsonNode? Result { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;
}

/// <summary>A Wait state: exactly one of the four fields is set.</summary>
internal sealed class WaitState() : StateDefinition(StateType.Wait)
{
    public int? Seconds { get; init; }

    public JsonPath? SecondsPath { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public JsonPath? TimestampPath { get; init; }
}

/// <summary>A Succeed state.</summary>
internal sealed class SucceedState() : StateDefinition(StateType.Succeed);

/// <summary>A Fail state; ErrorPath and CausePath are paths or intrinsic calls.</summary>
internal sealed class FailState() : StateDefinition(StateType.Fail)
{
    public string? Error { get; init; }

    public PayloadTemplate? ErrorPath { get; init; }

    public string? Cause { get; init; }

    public PayloadTemplate? CausePath { get; init; }
}
