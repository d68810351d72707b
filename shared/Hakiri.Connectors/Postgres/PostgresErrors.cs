using System.Net.Sockets;
using Hakiri.Connectors.Contract;
using Npgsql;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// Turns Npgsql and server failures into one-sentence <see cref="ConnectorException"/>s: what went wrong, where
/// (pipeline, <c>user@host:port/database</c>, table) and what to do. The connection string is never shown.
/// </summary>
internal sealed class PostgresErrors(string pipeline, string variable, string where, string source)
{
    /// <summary>The exception a failure becomes, or <see langword="null"/> for one that is not a database failure.</summary>
    public ConnectorException? Translate(Exception e) => e switch
    {
        ConnectorException => null,
        PostgresException p => FromServer(p),
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } n => Unreachable(n.InnerException!.Message, n),
        NpgsqlException { IsTransient: true } n => Unreachable(n.Message, n),
        NpgsqlException n when n.Message.Contains("password", StringComparison.OrdinalIgnoreCase) => new ConnectorException(ConnectorErrorKind.AuthExpired,
            $"pipeline '{pipeline}': PostgreSQL at {where} asked for a password the connection string in {variable} does not give; add it.", inner: n),
        NpgsqlException n => new ConnectorException(ConnectorErrorKind.Permanent, $"pipeline '{pipeline}': reading {source} from {where} failed: {n.Message}", inner: n),
        SocketException or TimeoutException => Unreachable(e.Message, e),
        InvalidCastException or OverflowException => new ConnectorException(ConnectorErrorKind.Permanent,
            $"pipeline '{pipeline}': a value of {source} cannot be read as its column's type ({e.Message.TrimEnd('.')}); read it through a query that casts or filters it.", inner: e),
        _ => null,
    };

    private ConnectorException Unreachable(string reason, Exception e) => new(ConnectorErrorKind.Transient,
        $"pipeline '{pipeline}': cannot reach PostgreSQL at {where} ({reason.TrimEnd('.')}); check that the server runs and accepts connections from here, then re-run.", inner: e);

    private ConnectorException FromServer(PostgresException p)
    {
        var (kind, sentence) = p.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => (ConnectorErrorKind.AuthExpired,
                $"PostgreSQL at {where} refused the credentials in {variable} ({p.MessageText}); correct the user or password there"),
            PostgresErrorCodes.InvalidCatalogName => (ConnectorErrorKind.Permanent,
                $"PostgreSQL at {where} has no such database; correct the database name in {variable}"),
            PostgresErrorCodes.UndefinedTable => (ConnectorErrorKind.Permanent,
                $"{source} at {where} does not exist ({p.MessageText}); correct the table (schema.name) or query under [pipelines.{pipeline}.source]"),
            PostgresErrorCodes.UndefinedColumn => (ConnectorErrorKind.Permanent,
                $"{source} at {where} has no such column ({p.MessageText}); correct the manifest or the query"),
            PostgresErrorCodes.InsufficientPrivilege => (ConnectorErrorKind.Permanent,
                $"the user of {where} may not read {source} ({p.MessageText}); grant it, e.g. GRANT SELECT ON {SourceName()} TO {User()}"),
            PostgresErrorCodes.ReadOnlySqlTransaction => (ConnectorErrorKind.Permanent,
                $"{source} tries to write ({p.MessageText}), and Hakiri reads in a READ ONLY transaction; make the query a plain SELECT"),
            PostgresErrorCodes.InvalidDatetimeFormat or PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidTextRepresentation => (ConnectorErrorKind.Permanent,
                $"reading {source} could not convert a value ({p.MessageText}); if the type of its key or cursor column changed since the last run, the committed cursor no longer fits: delete the table's row from the cursors table of the catalog to read from the start"),
            _ when IsTransient(p) => (ConnectorErrorKind.Transient,
                $"PostgreSQL at {where} is unavailable for now ({p.SqlState}: {p.MessageText}); re-run when it is back"),
            _ => (ConnectorErrorKind.Permanent, $"reading {source} from {where} failed ({p.SqlState}: {p.MessageText})"),
        };
        return new ConnectorException(kind, $"pipeline '{pipeline}': {sentence}.", inner: p);
    }

    // Class 08 (connection), 53 (resources), 57P (shutdown), 40001/40P01 (serialization, deadlock).
    private static bool IsTransient(PostgresException p) =>
        p.IsTransient || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
        || p.SqlState.StartsWith("57P", StringComparison.Ordinal);

    private string SourceName() => source.StartsWith("table ", StringComparison.Ordinal) ? source["table ".Length..] : "the tables of the query";

    private string User()
    {
        var at = where.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? where[..at] : "the user";
    }
}
