namespace Hakiri.DuckDb;

/// <summary>Error classes for failures the C API reports only as text.</summary>
internal static class DuckDbErrors
{
    /// <summary>
    /// The class named by the "&lt;Class&gt; Error:" prefix DuckDB puts on its messages (prepare errors carry no
    /// separate class in the C API); <see cref="DuckDbErrorType.Invalid"/> when there is no known prefix.
    /// </summary>
    public static DuckDbErrorType TypeFromMessage(string message)
    {
        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        if (end <= 0)
        {
            return DuckDbErrorType.Invalid;
        }

        return message[..end] switch
        {
            "Parser" => DuckDbErrorType.Parser,
            "Syntax" => DuckDbErrorType.Syntax,
            "Binder" => DuckDbErrorType.Binder,
            "Catalog" => DuckDbErrorType.Catalog,
            "Conversion" => DuckDbErrorType.Conversion,
            "Invalid Input" => DuckDbErrorType.InvalidInput,
            "Permission" => DuckDbErrorType.Permission,
            "Not implemented" => DuckDbErrorType.NotImplemented,
            "IO" => DuckDbErrorType.IO,
            "Constraint" => DuckDbErrorType.Constraint,
            "Out of Range" => DuckDbErrorType.OutOfRange,
            "Invalid Configuration" => DuckDbErrorType.InvalidConfiguration,
            "Missing Extension" => DuckDbErrorType.MissingExtension,
            "Parameter Not Resolved" => DuckDbErrorType.ParameterNotResolved,
            "Parameter Not Allowed" => DuckDbErrorType.ParameterNotAllowed,
            _ => DuckDbErrorType.Invalid,
        };
    }
}
