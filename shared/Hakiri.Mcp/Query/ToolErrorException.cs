namespace Hakiri.Mcp.Query;

/// <summary>
/// A tool call that cannot be answered as asked: refused SQL, an unknown table, a bad argument. The message is a sentence
/// for the calling agent, returned as a tool error (<c>isError: true</c>), not a protocol error.
/// </summary>
public sealed class ToolErrorException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ToolErrorException()
        : this("The tool call failed.")
    {
    }

    /// <summary>Creates the exception with the message the agent will read.</summary>
    public ToolErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the agent will read and its cause.</summary>
    public ToolErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
