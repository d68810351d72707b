namespace Hakiri.Access.Tokens;

/// <summary>A token that must not be honoured; the message is one sentence saying why (never echoing secret material).</summary>
public sealed class TokenRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenRejectedException()
    {
    }

    /// <summary>Creates the exception with its sentence.</summary>
    public TokenRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its sentence and cause.</summary>
    public TokenRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
