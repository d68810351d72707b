namespace Hakiri.Model.Diagnostics;

/// <summary>What loading a user file produced: a value when there were no errors, and every diagnostic.</summary>
/// <typeparam name="T">The loaded model.</typeparam>
/// <param name="Value">The model, or <see langword="null"/> when any error was reported.</param>
/// <param name="Diagnostics">Errors and warnings, in file order.</param>
public sealed record LoadResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics)
    where T : class
{
    /// <summary>Whether the file loaded without errors.</summary>
    public bool Succeeded => Value is not null;
}
