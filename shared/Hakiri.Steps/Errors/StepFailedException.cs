using Hakiri.Model.Steps;

namespace Hakiri.Steps.Errors;

/// <summary>
/// A step failed for a reason the user can act on. <see cref="ErrorName"/> is the state machine error name that
/// Retry and Catch match (it mirrors the WIT <c>connector-error</c> variants).
/// </summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepFailedException(string errorName, string message, Exception? inner = null) : base(message, inner) => ErrorName = errorName;

    /// <summary>The error name, one of <see cref="StepErrors"/>.</summary>
    public string ErrorName { get; }
}
