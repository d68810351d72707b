using Hakiri.Connectors.Contract;
using Npgsql;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>What a cdc read works with: where it reads, how, and what it may confirm.</summary>
/// <param name="DataSource">Connections for changed rows.</param>
/// <param name="OpenDataSource">Creates a data source of the same database (the snapshot reader closes its own).</param>
/// <param name="ReplicationConnectionString">The connection string of the change stream.</param>
/// <param name="Slot">The replication slot.</param>
/// <param name="Publication">The publication.</param>
/// <param name="Plan">The table's columns and key, as the snapshot reads them.</param>
/// <param name="Schema">The table schema of the batches.</param>
/// <param name="Relation">How the stream names the table and keys its changes.</param>
/// <param name="Errors">The sentences of failures.</param>
/// <param name="Locator">The batches' locator (<c>postgres:&lt;database&gt;/&lt;table&gt;</c>).</param>
/// <param name="Acknowledged">The committed position to confirm to the slot, if the host acknowledged one.</param>
/// <param name="Clock">Time, for the stream's idle checks.</param>
internal sealed record CdcRead(
    NpgsqlDataSource DataSource,
    Func<NpgsqlDataSource> OpenDataSource,
    string ReplicationConnectionString,
    string Slot,
    string Publication,
    PgReadPlan Plan,
    TableSchema Schema,
    CdcRelation Relation,
    CdcErrors Errors,
    string Locator,
    NpgsqlLogSequenceNumber? Acknowledged,
    TimeProvider Clock);

/// <summary>
/// A cdc read, phase by phase as its cursor says: <c>reset</c> (one row telling the write step the stored rows go),
/// <c>snapshot</c> (keyset pages of the table, as upserts, each page its own read-only transaction) and <c>stream</c>
/// (batches of whole transactions from the slot, until the server's position at the start of the stream). Rows that
/// changed while the snapshot was read are read again from the stream, which starts at the slot's consistent point:
/// applied by key in order, they end where the table is.
/// </summary>
internal sealed class CdcSourceReader(CdcRead read, CdcCursor cursor) : ISourceReader
{
    private readonly ChangeBatches _batches = new(read.Plan);
    private CdcCursor _cursor = cursor;
    private PostgresSourceReader? _snapshot;
    private ChangeStream? _stream;
    private bool _done;

    /// <inheritdoc />
    public bool HasMore => !_done;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Cursor => _cursor.ToBytes();

    /// <inheritdoc />
    public async ValueTask<SourceBatch?> NextAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (!_done)
            {
                if (await PhaseAsync(cancellationToken).ConfigureAwait(false) is { } records)
                {
                    return new SourceBatch(records, read.Locator, read.Schema);
                }
            }

            return null;
        }
        catch (Exception e) when (read.Errors.Translate(e) is { } failure)
        {
            throw failure;
        }
    }

    // One step of the current phase: a batch, or null when the phase moved on without one.
    private async Task<Apache.Arrow.RecordBatch?> PhaseAsync(CancellationToken cancellationToken)
    {
        switch (_cursor.Phase)
        {
            case CdcCursor.ResetPhase:
            {
                await using var connection = await read.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var reset = await _batches.ResetAsync(connection, cancellationToken).ConfigureAwait(false);
                _cursor = _cursor with { Phase = CdcCursor.SnapshotPhase, Columns = null, After = null };
                return reset;
            }

            case CdcCursor.SnapshotPhase:
            {
                _snapshot ??= await OpenSnapshotAsync(cancellationToken).ConfigureAwait(false);
                var page = await _snapshot.NextAsync(cancellationToken).ConfigureAwait(false);
                if (_snapshot.HasMore)
                {
                    _cursor = _cursor with { Columns = read.Plan.KeyNames, After = PostgresCursor.TryParse(_snapshot.Cursor.Span)?.After };
                }
                else
                {
                    // The last page: the cursor after it starts the stream, so a read stopped here does not read the table again.
                    await _snapshot.DisposeAsync().ConfigureAwait(false);
                    _snapshot = null;
                    _cursor = _cursor with { Phase = CdcCursor.StreamPhase, Columns = null, After = null };
                }

                return page is null ? null : _batches.Upserts(page.Records);
            }

            default:
            {
                _stream ??= await ChangeStream.OpenAsync(read.DataSource, read.ReplicationConnectionString, read.Slot, read.Publication, _cursor.Position,
                    _cursor.Until is { } until ? NpgsqlLogSequenceNumber.Parse(until) : null, read.Acknowledged, read.Relation, read.Errors, read.Clock, cancellationToken).ConfigureAwait(false);
                var changes = new ChangeKeys();
                await _stream.ReadAsync(changes, read.Plan.BatchRows, cancellationToken).ConfigureAwait(false);
                _done = _stream.CaughtUp;
                Apache.Arrow.RecordBatch? batch = null;
                if (changes.Count > 0 || changes.Truncated)
                {
                    await using var connection = await read.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    batch = await _batches.ChangedAsync(connection, changes, changes.Truncated, cancellationToken).ConfigureAwait(false);
                }

                // The position moves only with the batch that holds its transactions. A read stopped by its budget
                // hands the run's target on, so the run ends even while writers keep the table busy; the cursor a run
                // ends with has none, and the next run takes its own.
                _cursor = _cursor with { Lsn = _stream.Position.ToString(), Until = _done ? null : _stream.Target.ToString() };
                return batch;
            }
        }
    }

    private async Task<PostgresSourceReader> OpenSnapshotAsync(CancellationToken cancellationToken)
    {
        // The snapshot reader owns its connection and data source and closes both when its phase ends.
        var dataSource = read.OpenDataSource();
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PostgresSourceReader(connection, transaction, read.Plan, read.Schema, read.Errors.General, read.Locator, null, _cursor.After, dataSource);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_snapshot is not null)
        {
            await _snapshot.DisposeAsync().ConfigureAwait(false);
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        await read.DataSource.DisposeAsync().ConfigureAwait(false);
    }
}
