namespace Hakiri.Emulator.Tasks;

/// <summary>
/// A task failed. <see cref="Error"/> is the error name Retry and Catch match (for example <c>Hakiri.Transient</c>);
/// <see cref="Cause"/> is the human-readable explanation.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error name.</param>
    /// <param name="cause">The cause, as Step Functions records it.</param>
    /// <param name="innerException">The exception behind the failure, if any.</param>
    public TaskFailedException(string error, string cause, Exception? innerException = null)
        : base($"{error}: {cause}", innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        Error = error;
        Cause = cause ?? "";
    }

    /// <summary>The error name.</summary>
    public string Error { get; }

    /// <summary>The cause.</summary>
    public string Cause { get; }
}
