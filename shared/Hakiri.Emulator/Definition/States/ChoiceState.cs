using Hakiri.Emulator.Choice;

namespace Hakiri.Emulator.Definition.States;

/// <summary>A Choice state.</summary>
internal sealed class ChoiceState() : StateDefinition(StateType.Choice)
{
    public IReadOnlyList<ChoiceRule> Choices { get; init; } = [];

    public string? Default { get; init; }

    internal override IEnumerable<string> Transitions =>
        Default is null ? Choices.Select(c => c.Next) : [.. Choices.Select(c => c.Next), Default];
}
