namespace Hakiri.Memory;

/// <summary>A memory request that cannot be carried out as asked; the message is one sentence for the user.</summary>
public sealed class MemoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MemoryException(string message, bool refused = false)
        : base(message) => Refused = refused;

    /// <summary>Creates the exception.</summary>
    public MemoryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public MemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the caller is not allowed (another agent's rows); false for bad input (unknown id, empty text).</summary>
    public bool Refused { get; }
}
