using System.Text;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Npgsql;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>
/// The <c>postgres</c> connector in <c>cdc</c> mode: change capture by logical replication (pgoutput). The first run
/// creates the publication and the slot when missing, lands a snapshot of the table and then the changes since the
/// slot's consistent point; later runs apply the slot's changes from the committed LSN. Batches carry
/// <see cref="ChangeOperation.Column"/>, so the write step upserts and deletes by primary key. The slot is confirmed
/// only up to the cursor the store committed (<see cref="AcknowledgeAsync"/>).
/// </summary>
public sealed class PostgresCdcConnector : ISourceConnector
{
    private const int MaxIdentifier = 63;

    private readonly string _pipeline;
    private readonly string _table;
    private readonly IReadOnlyList<string> _primaryKey;
    private readonly PostgresSourceManifest _manifest;
    private readonly ConnectorServices _services;
    private NpgsqlLogSequenceNumber? _acknowledged;

    /// <summary>Creates the connector for one step invocation.</summary>
    /// <param name="pipeline">The pipeline name, used in messages and the default slot and publication names.</param>
    /// <param name="table">The store table the rows land in.</param>
    /// <param name="primaryKey">The pipeline's <c>primary_key</c>; empty to use the table's own primary key.</param>
    /// <param name="manifest">The pipeline's postgres source (<c>mode = "cdc"</c>, a table).</param>
    /// <param name="services">The environment (the connection string), the clock and the log.</param>
    public PostgresCdcConnector(string pipeline, string table, IReadOnlyList<string> primaryKey, PostgresSourceManifest manifest, ConnectorServices services)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(services);
        _pipeline = pipeline;
        _table = table;
        _primaryKey = primaryKey;
        _manifest = manifest;
        _services = services;
        Slot = manifest.Slot ?? DefaultName(pipeline);
        Publication = manifest.Publication ?? DefaultName(pipeline);
    }

    /// <summary>The replication slot: the manifest's <c>slot</c>, or <c>hakiri_&lt;pipeline&gt;</c>.</summary>
    public string Slot { get; }

    /// <summary>The publication: the manifest's <c>publication</c>, or <c>hakiri_&lt;pipeline&gt;</c>.</summary>
    public string Publication { get; }

    /// <summary>
    /// <c>hakiri_</c> and the pipeline name in lower-case letters, digits and underscores (anything else becomes
    /// <c>_</c>), at most 63 characters: a name PostgreSQL accepts for a slot and a publication without quoting.
    /// </summary>
    public static string DefaultName(string pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var name = new StringBuilder("hakiri_");
        foreach (var c in pipeline.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return name.Length > MaxIdentifier ? name.ToString(0, MaxIdentifier) : name.ToString();
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TableSchema>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var session = Session();
        await using var dataSource = session.Open();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (_, schema, _) = await PlanAsync(connection, session.Errors, cancellationToken).ConfigureAwait(false);
            return [schema];
        }
        catch (Exception e) when (session.Errors.Translate(e) is { } failure)
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public ValueTask AcknowledgeAsync(string table, ReadOnlyMemory<byte> committed, CancellationToken cancellationToken = default)
    {
        // Confirmed when the stream starts: a replication connection is how a slot is told.
        _acknowledged = CdcCursor.TryParse(committed.Span) is { Phase: CdcCursor.StreamPhase } cursor && cursor.Slot == Slot ? cursor.Position : null;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<ISourceReader> OpenAsync(string table, ReadOnlyMemory<byte>? cursor, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(table, _table, StringComparison.Ordinal))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent, $"pipeline '{_pipeline}': the source has one table, '{_table}', not '{table}'.");
        }

        var session = Session();
        var dataSource = session.Open();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (plan, schema, relation) = await PlanAsync(connection, session.Errors, cancellationToken).ConfigureAwait(false);
            var state = await StartAsync(connection, plan, cursor, session.Errors, cancellationToken).ConfigureAwait(false);
            var read = new CdcRead(dataSource, session.Open, session.ConnectionString, Slot, Publication, plan, schema, relation, session.Errors,
                PostgresSourceConnector.Lineage(_pipeline, _manifest, _services.Environment), _acknowledged, _services.Clock);
            return new CdcSourceReader(read, state);
        }
        catch (Exception e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            if (session.Errors.Translate(e) is { } failure)
            {
                throw failure;
            }

            throw;
        }
    }

    // Where this read starts: the cursor's phase, or — with no cdc cursor of this slot — a new first run, for which the
    // publication and the slot are made ready.
    private async Task<CdcCursor> StartAsync(NpgsqlConnection connection, PgReadPlan plan, ReadOnlyMemory<byte>? bytes, CdcErrors errors, CancellationToken cancellationToken)
    {
        var cursor = bytes is { Length: > 0 } given ? CdcCursor.TryParse(given.Span) : null;
        if (cursor is not null && cursor.Slot == Slot && (cursor.Phase != CdcCursor.SnapshotPhase || cursor.Columns is null || cursor.Columns.SequenceEqual(plan.KeyNames)))
        {
            var confirmed = await CdcSetup.SlotAsync(connection, Slot, errors, cancellationToken).ConfigureAwait(false) ?? throw errors.SlotGone(cursor.Lsn);
            if (cursor.Phase == CdcCursor.StreamPhase && confirmed > cursor.Position)
            {
                // Only the store's committed positions are ever confirmed, so a slot ahead of the cursor was made anew
                // (or moved by someone else): the changes in between are not in it.
                throw errors.SlotGone(cursor.Lsn);
            }

            return cursor;
        }

        if (bytes is { Length: > 0 })
        {
            _services.Log?.Invoke($"pipeline '{_pipeline}': the committed cursor is not a change-capture cursor of slot '{Slot}'; reading the table again from a snapshot.");
        }

        var from = plan.From;
        await CdcSetup.EnsurePublicationAsync(connection, Publication, from, errors, cancellationToken).ConfigureAwait(false);
        var start = await CdcSetup.EnsureSlotAsync(connection, Slot, errors, cancellationToken).ConfigureAwait(false);
        return new CdcCursor { Phase = CdcCursor.ResetPhase, Slot = Slot, Lsn = start.ToString() };
    }

    private async Task<(PgReadPlan Plan, TableSchema Schema, CdcRelation Relation)> PlanAsync(NpgsqlConnection connection, CdcErrors errors, CancellationToken cancellationToken)
    {
        var name = _manifest.Table ?? throw new ConnectorException(ConnectorErrorKind.Permanent,
            $"pipeline '{_pipeline}': mode = \"cdc\" reads a table's change stream; name the table with table = \"schema.name\".");
        var described = await PostgresCatalog.DescribeTableAsync(connection, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{_pipeline}': table {name} does not exist in the database of {_manifest.DsnEnv} (or the user may not see it); correct table under [pipelines.{_pipeline}.source] (schema.name).");
        var (plan, schema) = PostgresPlanner.Plan(_pipeline, $"table {name}", _table, _manifest, _primaryKey, described);
        var keys = plan.Keys.Where(k => k != PgKey.Ctid).Select(k => k.Name).ToArray();
        var relation = await CdcSetup.CheckAsync(connection, described.From, keys, errors, cancellationToken).ConfigureAwait(false);
        return (plan, schema, relation);
    }

    private CdcSession Session()
    {
        var builder = PostgresDsn.Read(_pipeline, _manifest.DsnEnv, _services.Environment);

        var where = PostgresDsn.Describe(builder);
        var source = $"table {_manifest.Table}";
        var errors = new CdcErrors(_pipeline, where, _manifest.Table ?? _table, Slot, Publication, new PostgresErrors(_pipeline, _manifest.DsnEnv, where, source));
        return new CdcSession(builder.ConnectionString, errors);
    }

    private sealed record CdcSession(string ConnectionString, CdcErrors Errors)
    {
        public NpgsqlDataSource Open() => PostgresDsn.OpenDataSource(ConnectionString);
    }
}
