namespace Hakiri.Emulator.Definition;

/// <summary>
/// A state machine definition is not valid Amazon States Language (or uses a feature the emulator does not run).
/// The message names the state and the field.
/// </summary>
public sealed class AslDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, as a sentence.</param>
    /// <param name="stateName">The state the problem is in, if any.</param>
    /// <param name="location">Where in the definition, as a dotted path such as <c>States.Pull.Retry[0].ErrorEquals</c>.</param>
    public AslDefinitionException(string message, string? stateName = null, string? location = null)
        : base(Compose(message, stateName, location))
    {
        Problem = message;
        StateName = stateName;
        Location = location;
    }

    /// <summary>The problem alone, without the state name and location.</summary>
    public string Problem { get; }

    /// <summary>The state the problem is in, or <see langword="null"/> for the definition as a whole.</summary>
    public string? StateName { get; }

    /// <summary>Where in the definition, as a dotted path, or <see langword="null"/>.</summary>
    public string? Location { get; }

    private static string Compose(string message, string? stateName, string? location) => (stateName, location) switch
    {
        (null, null) => message,
        (null, _) => $"{location}: {message}",
        (_, null) => $"State '{stateName}': {message}",
        _ => $"State '{stateName}' ({location}): {message}",
    };
}
