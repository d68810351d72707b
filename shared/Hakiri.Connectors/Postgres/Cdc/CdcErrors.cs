using Hakiri.Connectors.Contract;
using Npgsql;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>
/// The sentences of change capture: what the server lacks or refused, where (pipeline, <c>user@host:port/database</c>,
/// table, slot) and what to do. Failures that are not about replication go on to <see cref="PostgresErrors"/>.
/// </summary>
internal sealed class CdcErrors(string pipeline, string where, string table, string slot, string publication, PostgresErrors general)
{
    /// <summary>The sentences of failures that are not about replication.</summary>
    public PostgresErrors General => general;

    /// <summary>The exception a failure becomes, or <see langword="null"/> for one that is not a database failure.</summary>
    public ConnectorException? Translate(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UndefinedObject } p when p.MessageText.Contains("replication slot", StringComparison.Ordinal) => SlotGone(null),
        PostgresException { SqlState: PostgresErrorCodes.ObjectInUse } p when p.MessageText.Contains("replication slot", StringComparison.Ordinal) => new ConnectorException(
            ConnectorErrorKind.Transient,
            $"pipeline '{pipeline}': the replication slot '{slot}' at {where} is in use by another connection ({p.MessageText}); another run of the pipeline may still be reading it — re-run when it has finished.",
            inner: p),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidAuthorizationSpecification } p
            when p.MessageText.Contains("replication", StringComparison.OrdinalIgnoreCase) => NoReplication(p),
        _ => general.Translate(e),
    };

    /// <summary>wal_level is not logical.</summary>
    public ConnectorException WalLevel(string current) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': PostgreSQL at {where} runs with wal_level = {current}, and mode = \"cdc\" needs wal_level = logical; "
        + "set it (ALTER SYSTEM SET wal_level = logical, or wal_level = logical in postgresql.conf; on Amazon RDS, rds.logical_replication = 1) and restart the server.");

    /// <summary>The slot the committed cursor streams from is gone.</summary>
    public ConnectorException SlotGone(string? lsn) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': the replication slot '{slot}' at {where} no longer exists, so the changes to {table} after "
        + $"{(lsn is null ? "the committed position" : "LSN " + lsn)} that the store has not applied cannot be read again; "
        + $"start over from a fresh snapshot with `hakiri reset {pipeline}` and run again (the next run creates the slot and replaces the stored rows).");

    /// <summary>The user may not use replication.</summary>
    public ConnectorException NoReplication(Exception inner) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': the user {User()} of {where} may not use replication slots ({Message(inner)}); give it the REPLICATION attribute "
        + $"(ALTER ROLE {User()} REPLICATION; on Amazon RDS, GRANT rds_replication TO {User()}).",
        inner: inner);

    /// <summary>CREATE PUBLICATION was refused (only the table's owner may publish it).</summary>
    public ConnectorException PublicationRefused(PostgresException inner) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': the user {User()} of {where} may not create the publication '{publication}' for {table} ({inner.MessageText}); "
        + $"creating one takes the table's owner with CREATE on the database: have the owner run CREATE PUBLICATION {PostgresTypes.Quote(publication)} FOR TABLE {table}, and Hakiri will use it.",
        inner: inner);

    /// <summary>The publication exists but does not carry what change capture needs.</summary>
    public ConnectorException PublicationIncomplete(string what) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': the publication '{publication}' at {where} {what}; "
        + $"fix it (ALTER PUBLICATION {PostgresTypes.Quote(publication)} ADD TABLE {table}; SET (publish = 'insert, update, delete, truncate')) or name another with publication = \"…\".");

    /// <summary>The slot exists but is not a pgoutput slot of this database.</summary>
    public ConnectorException SlotMismatch(string what) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': the replication slot '{slot}' at {where} {what}; name another with slot = \"…\" under [pipelines.{pipeline}.source], or drop it (SELECT pg_drop_replication_slot('{slot}')).");

    /// <summary>The table cannot identify the rows its changes touch.</summary>
    public ConnectorException NoIdentity(string why) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': {table} {why}, so its updates and deletes cannot be matched to stored rows; "
        + $"add a primary key (ALTER TABLE {table} ADD PRIMARY KEY (…)), or set REPLICA IDENTITY FULL and name the identifying columns with primary_key = [\"…\"] under [pipelines.{pipeline}].");

    /// <summary>The stream carries a change the connector cannot key.</summary>
    public ConnectorException Unkeyable(string why) => new(ConnectorErrorKind.Permanent,
        $"pipeline '{pipeline}': a change to {table} came without its key ({why}); set REPLICA IDENTITY FULL on the table (ALTER TABLE {table} REPLICA IDENTITY FULL) and re-run.");

    private static string Message(Exception e) => e is PostgresException p ? p.MessageText : e.Message;

    private string User()
    {
        var at = where.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? where[..at] : "of the connection string";
    }
}
