namespace Hakiri.DuckDb;

/// <summary>DuckDB refused or failed an operation; <see cref="Exception.Message"/> is DuckDB's own message.</summary>
public sealed class DuckDbException : Exception
{
    /// <summary>Creates an exception with a message and no DuckDB error class.</summary>
    public DuckDbException()
        : this("DuckDB reported an error.")
    {
    }

    /// <summary>Creates an exception with a message and no DuckDB error class.</summary>
    public DuckDbException(string message)
        : this(message, DuckDbErrorType.Invalid)
    {
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with DuckDB's message and error class.</summary>
    public DuckDbException(string message, DuckDbErrorType errorType)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>Creates an exception with DuckDB's message and error class, caused by <paramref name="innerException"/>.</summary>
    public DuckDbException(string message, DuckDbErrorType errorType, Exception? innerException)
        : base(message, innerException)
    {
        ErrorType = errorType;
    }

    /// <summary>
    /// The class of error when DuckDB reports one (query and execute failures);
    /// <see cref="DuckDbErrorType.Invalid"/> otherwise.
    /// </summary>
    public DuckDbErrorType ErrorType { get; }
}
