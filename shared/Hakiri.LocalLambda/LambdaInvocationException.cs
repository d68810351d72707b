namespace Hakiri.LocalLambda;

/// <summary>The function reported an error for an invocation (or could not initialise).</summary>
public sealed class LambdaInvocationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LambdaInvocationException(string errorType, string message) : base(message) => ErrorType = errorType;

    /// <summary>The <c>errorType</c> the function reported: the state machine error name.</summary>
    public string ErrorType { get; }
}
