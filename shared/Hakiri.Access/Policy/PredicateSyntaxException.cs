namespace Hakiri.Access.Policy;

/// <summary>A row filter that is not valid predicate text; the message names the column (1-based) and what was expected there.</summary>
public sealed class PredicateSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PredicateSyntaxException()
    {
    }

    /// <summary>Creates the exception with its sentence.</summary>
    public PredicateSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its sentence and cause.</summary>
    public PredicateSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="column"/>.</summary>
    public PredicateSyntaxException(string message, int column)
        : base(message)
    {
        Column = column;
    }

    /// <summary>Where in the predicate text the problem is (1-based character position).</summary>
    public int Column { get; }
}
