namespace Hakiri.Model.Manifests;

/// <summary>The built-in <c>postgres</c> connector: one table (or read-only query) of a PostgreSQL database.</summary>
/// <param name="DsnEnv">The environment variable holding the connection string; the manifest never holds it.</param>
/// <param name="Table">The table to read, as <c>schema.name</c> or <c>name</c>; <see langword="null"/> when <see cref="Query"/> is set.</param>
/// <param name="Query">A read-only <c>SELECT</c> to read instead of a table; <see langword="null"/> when <see cref="Table"/> is set.</param>
/// <param name="Mode">How runs read: all rows, rows changed since the cursor, or the change stream.</param>
/// <param name="CursorColumn">The increasing column of <see cref="PostgresReadMode.Incremental"/>.</param>
/// <param name="BatchRows">Rows fetched per round trip (one Arrow batch).</param>
/// <param name="LagSeconds">
/// Incremental: how far behind the database's clock the cursor stays, for writers whose <see cref="CursorColumn"/>
/// values are not their transaction's start time (client clocks, triggers using clock_timestamp()).
/// </param>
/// <param name="Slot">CDC: the replication slot's name; <see langword="null"/> for <c>hakiri_&lt;pipeline&gt;</c>.</param>
/// <param name="Publication">CDC: the publication's name; <see langword="null"/> for <c>hakiri_&lt;pipeline&gt;</c>.</param>
public sealed record PostgresSourceManifest(
    string DsnEnv,
    string? Table,
    string? Query,
    PostgresReadMode Mode,
    string? CursorColumn,
    int BatchRows,
    int LagSeconds,
    string? Slot,
    string? Publication) : SourceManifest
{
    /// <summary>The default <see cref="BatchRows"/>.</summary>
    public const int DefaultBatchRows = 50_000;

    /// <inheritdoc />
    public override string Connector => "postgres";
}

/// <summary>How a <c>postgres</c> source reads.</summary>
public enum PostgresReadMode
{
    /// <summary>Every run reads the whole table in a read-only snapshot; rows gone upstream leave the store.</summary>
    Snapshot,

    /// <summary>Runs read rows whose cursor column passed the committed cursor (keyset on cursor column and key).</summary>
    Incremental,

    /// <summary>The first run reads a snapshot, later runs apply the logical-replication change stream (inserts, updates, deletes).</summary>
    Cdc,
}
