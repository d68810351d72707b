namespace Hakiri.Emulator.Errors;

/// <summary>An error raised inside an execution: it travels up to the nearest matching retrier or catcher.</summary>
internal sealed class StateFailure : Exception
{
    public StateFailure(string error, string? cause)
        : base(cause is null ? error : $"{error}: {cause}")
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name Retry and Catch match.</summary>
    public string Error { get; }

    /// <summary>The human-readable cause, if any.</summary>
    public string? Cause { get; }

    /// <summary>States.Runtime cannot be retried or caught: it always fails the execution.</summary>
    public bool IsTerminal => Error == StatesErrors.Runtime;

    public static StateFailure Runtime(string cause) => new(StatesErrors.Runtime, cause);

    public static StateFailure Intrinsic(string cause) => new(StatesErrors.IntrinsicFailure, cause);
}
