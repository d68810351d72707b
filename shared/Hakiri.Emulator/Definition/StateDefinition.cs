using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Definition;

/// <summary>The kind of a state, from its <c>Type</c> field.</summary>
public enum StateType
{
    /// <summary>Passes its input (or a fixed Result) on.</summary>
    Pass,

    /// <summary>Runs a resource through the task invoker.</summary>
    Task,

    /// <summary>Branches on Choice rules.</summary>
    Choice,

    /// <summary>Waits for a time or until a timestamp.</summary>
    Wait,

    /// <summary>Ends the execution (or branch) successfully.</summary>
    Succeed,

    /// <summary>Ends the execution (or branch) with an error.</summary>
    Fail,

    /// <summary>Runs branches side by side.</summary>
    Parallel,

    /// <summary>Runs an item processor for each item of an array.</summary>
    Map,
}

/// <summary>One parsed state. The model is immutable; the interpreter reads the details through internal types.</summary>
public abstract class StateDefinition
{
    private protected StateDefinition(StateType type) => Type = type;

    /// <summary>The state's name, unique within its state machine or branch.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>The state's type.</summary>
    public StateType Type { get; }

    /// <summary>The <c>Comment</c> field, if any.</summary>
    public string? Comment { get; internal init; }

    /// <summary>The state that follows on success, or <see langword="null"/> for terminal states and Choice states.</summary>
    public string? Next { get; internal init; }

    /// <summary>True when the state ends its state machine or branch (<c>End: true</c>, Succeed, Fail).</summary>
    public bool IsEnd { get; internal init; }

    /// <summary>Where the definition holds this state, for messages (<c>States.Name</c> or deeper).</summary>
    internal string Location { get; init; } = "";

    /// <summary>InputPath: <c>$</c> by default; <see langword="null"/> when the definition says null (the input becomes <c>{}</c>).</summary>
    internal JsonPath? InputPath { get; init; } = JsonPath.Root;

    /// <summary>OutputPath: <c>$</c> by default; <see langword="null"/> when the definition says null (the output becomes <c>{}</c>).</summary>
    internal JsonPath? OutputPath { get; init; } = JsonPath.Root;

    /// <summary>Every state name this state can move to (Next, Choice targets, Default, catchers).</summary>
    internal virtual IEnumerable<string> Transitions => Next is null ? [] : [Next];
}
