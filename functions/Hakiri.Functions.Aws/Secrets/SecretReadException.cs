namespace Hakiri.Functions.Aws.Secrets;

/// <summary>A secret that could not be read, and whether asking again later may succeed.</summary>
/// <param name="reason">What the service said, as the end of a sentence ("the parameter does not exist").</param>
/// <param name="transient">True for throttling, server errors and the network; false for a missing secret or a denied read.</param>
/// <param name="inner">The cause.</param>
internal sealed class SecretReadException(string reason, bool transient, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>Whether a retry may succeed.</summary>
    public bool IsTransient { get; } = transient;
}
