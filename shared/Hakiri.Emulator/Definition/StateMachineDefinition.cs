using Hakiri.Emulator.Definition.Parsing;
using Hakiri.Emulator.Definition.States;

namespace Hakiri.Emulator.Definition;

/// <summary>
/// A parsed and validated Amazon States Language definition (JSONPath query language). Immutable: one definition can
/// run any number of executions, concurrently.
/// </summary>
public sealed class StateMachineDefinition
{
    internal StateMachineDefinition(StateScope root, string? comment, int? timeoutSeconds, string? version)
    {
        Root = root;
        Comment = comment;
        TimeoutSeconds = timeoutSeconds;
        Version = version;
    }

    /// <summary>The name of the first state.</summary>
    public string StartAt => Root.StartAt;

    /// <summary>The top-level states by name (states of Parallel branches and Map processors are not listed here).</summary>
    public IReadOnlyDictionary<string, StateDefinition> States => Root.States;

    /// <summary>The definition's <c>Comment</c>, if any.</summary>
    public string? Comment { get; }

    /// <summary>The execution's time limit in seconds, or <see langword="null"/> for none.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary>The <c>Version</c> field, if any.</summary>
    public string? Version { get; }

    internal StateScope Root { get; }

    /// <summary>Parses and validates a definition.</summary>
    /// <param name="json">The definition's JSON text.</param>
    /// <exception cref="AslDefinitionException">The definition is not valid, or uses a feature the emulator does not run.</exception>
    public static StateMachineDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return DefinitionParser.Parse(json);
    }
}
