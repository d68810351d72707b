namespace Hakiri.Emulator.Definition.States;

/// <summary>A set of states with a start: the state machine itself, a Parallel branch or a Map item processor.</summary>
internal sealed record StateScope(string StartAt, IReadOnlyDictionary<string, StateDefinition> States);
