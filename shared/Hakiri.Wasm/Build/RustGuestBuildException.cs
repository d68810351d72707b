namespace Hakiri.Wasm.Build;

/// <summary>A Rust connector could not be built; the message says why and what to do.</summary>
public sealed class RustGuestBuildException : Exception
{
    /// <summary>Creates the exception with a sentence for the user.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public RustGuestBuildException(string message)
        : base(message)
    {
    }
}
