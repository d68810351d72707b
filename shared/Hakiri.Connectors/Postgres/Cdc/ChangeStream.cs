using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>
/// The slot's change stream for one read: pgoutput over a logical replication connection, from a transaction boundary
/// to the server's WAL position when the read started. It collects the keys of whole transactions only, so
/// <see cref="Position"/> is always a point the next read can resume from without splitting a transaction. It sends
/// PostgreSQL only the acknowledgement it was given (the store's committed position), never what it read: the slot
/// keeps every change the store has not committed.
/// </summary>
internal sealed class ChangeStream : IAsyncDisposable
{
    // How often an idle stream checks whether it has caught up (the server's keepalives carry its position).
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMilliseconds(25);

    // How often a status update is sent before the read gives up checking that the slot took it.
    private const int ConfirmAttempts = 20;

    private readonly LogicalReplicationConnection _connection;
    private readonly CancellationTokenSource _stop;
    private readonly IAsyncEnumerator<PgOutputReplicationMessage> _messages;
    private readonly NpgsqlLogSequenceNumber _target;
    private readonly CdcRelation _relation;
    private readonly CdcErrors _errors;
    private readonly TimeProvider _clock;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _slot;
    private NpgsqlLogSequenceNumber? _unconfirmed;
    private Task<bool>? _pending;
    private uint? _relationId;
    private int[] _keyPositions = [];

    private ChangeStream(LogicalReplicationConnection connection, CancellationTokenSource stop, IAsyncEnumerator<PgOutputReplicationMessage> messages,
        NpgsqlLogSequenceNumber start, NpgsqlLogSequenceNumber target, CdcRelation relation, CdcErrors errors, TimeProvider clock,
        NpgsqlDataSource dataSource, string slot, NpgsqlLogSequenceNumber? acknowledged)
    {
        _connection = connection;
        _stop = stop;
        _messages = messages;
        Position = start;
        _target = target;
        _relation = relation;
        _errors = errors;
        _clock = clock;
        _dataSource = dataSource;
        _slot = slot;
        _unconfirmed = acknowledged;
    }

    /// <summary>Where the next read resumes: the end of the last whole transaction read, or the caught-up position.</summary>
    public NpgsqlLogSequenceNumber Position { get; private set; }

    /// <summary>The position this read catches up with.</summary>
    public NpgsqlLogSequenceNumber Target => _target;

    /// <summary>Whether the stream reached the WAL position of the read's start.</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>
    /// Opens the stream at <paramref name="start"/>, to read until <paramref name="until"/> (a run's later pull-batches
    /// keep the position its first stream read took) or, when <see langword="null"/>, the server's position now, which
    /// <paramref name="dataSource"/> reads. <paramref name="acknowledged"/> is the committed position to confirm to the slot.
    /// </summary>
    public static async Task<ChangeStream> OpenAsync(NpgsqlDataSource dataSource, string connectionString, string slot, string publication, NpgsqlLogSequenceNumber start,
        NpgsqlLogSequenceNumber? until, NpgsqlLogSequenceNumber? acknowledged, CdcRelation relation, CdcErrors errors, TimeProvider clock, CancellationToken cancellationToken)
    {
        var connection = new LogicalReplicationConnection(connectionString);
        try
        {
            await connection.Open(cancellationToken).ConfigureAwait(false);
            var target = until ?? await WalTarget.NowAsync(dataSource, cancellationToken).ConfigureAwait(false);
            if (acknowledged is { } committed)
            {
                connection.SetReplicationStatus(committed);
            }

            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var messages = connection.StartReplication(new PgOutputReplicationSlot(slot), new PgOutputReplicationOptions(publication, PgOutputProtocolVersion.V1),
                stop.Token, start).GetAsyncEnumerator(stop.Token);
            return new ChangeStream(connection, stop, messages, start, target, relation, errors, clock, dataSource, slot, acknowledged);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads whole transactions into <paramref name="changes"/> until it holds <paramref name="limit"/> keys or the stream has caught up.</summary>
    public async Task ReadAsync(ChangeKeys changes, int limit, CancellationToken cancellationToken)
    {
        var pending = new List<IReadOnlyList<string>>();
        var truncated = false;
        var inTransaction = false;
        while (!CaughtUp && (inTransaction || changes.Count < limit))
        {
            var next = _pending ?? _messages.MoveNextAsync().AsTask();
            _pending = null;
            if (!next.IsCompleted && !inTransaction && await IdleAsync(next, cancellationToken).ConfigureAwait(false) is { } caughtUpAt)
            {
                // Every transaction that committed before the server's position has been received and read.
                _pending = next;
                CaughtUp = true;
                Position = caughtUpAt > Position ? caughtUpAt : Position;
            }
            else if (!await next.ConfigureAwait(false))
            {
                CaughtUp = true;
            }
            else
            {
                switch (_messages.Current)
                {
                    case BeginMessage begin when begin.TransactionFinalLsn >= _target:
                        // Committed after the read started: the next read takes it (a busy table never idles).
                        CaughtUp = true;
                        break;
                    case BeginMessage:
                        inTransaction = true;
                        pending.Clear();
                        truncated = false;
                        break;
                    case RelationMessage relation:
                        Follow(relation);
                        break;
                    case InsertMessage insert when insert.Relation.RelationId == _relationId:
                        pending.Add(await KeyAsync(insert.NewRow, "insert", cancellationToken).ConfigureAwait(false));
                        break;
                    case UpdateMessage update when update.Relation.RelationId == _relationId:
                        await UpdatedKeysAsync(update, pending, cancellationToken).ConfigureAwait(false);
                        break;
                    case KeyDeleteMessage delete when delete.Relation.RelationId == _relationId:
                        pending.Add(await KeyAsync(delete.Key, "delete", cancellationToken).ConfigureAwait(false));
                        break;
                    case FullDeleteMessage delete when delete.Relation.RelationId == _relationId:
                        pending.Add(await KeyAsync(delete.OldRow, "delete", cancellationToken).ConfigureAwait(false));
                        break;
                    case TruncateMessage truncate when truncate.Relations.Any(r => r.RelationId == _relationId):
                        pending.Clear();
                        truncated = true;
                        break;
                    case CommitMessage commit:
                        changes.Commit(pending, truncated);
                        pending.Clear();
                        truncated = false;
                        inTransaction = false;
                        Position = commit.TransactionEndLsn;
                        CaughtUp = Position >= _target;
                        break;
                }
            }

            if (_unconfirmed is { } committed)
            {
                // The stream is up (a message or the caught-up check proved it): confirm the committed position now,
                // rather than at the next periodic status update, which a short read may never reach.
                await ConfirmAsync(committed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The status update travels on the stream, and a stream stopped right after it (PostgreSQL's cancel arrives as a
    // signal) may end before the server has read it: check that the slot took it, and send it again while it has not.
    // Never more than the committed position, so giving up is safe: the next run confirms again.
    private async Task ConfirmAsync(NpgsqlLogSequenceNumber committed, CancellationToken cancellationToken)
    {
        _unconfirmed = null;
        for (var attempt = 0; attempt < ConfirmAttempts; attempt++)
        {
            try
            {
                await _connection.SendStatusUpdate(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                return; // The server ended the stream: there is no slot session to confirm to.
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = _slot });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string confirmed
                || NpgsqlLogSequenceNumber.Parse(confirmed) >= committed)
            {
                return;
            }

            await Task.Delay(IdleCheck, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    // Waits for the next message while checking, between waits, whether the server reported a position at or past
    // the target with no message left to read: stable over two checks, so it came from a keepalive (a data message is
    // handed over as soon as its position is read) and every transaction committed before it has been delivered.
    private async Task<NpgsqlLogSequenceNumber?> IdleAsync(Task<bool> next, CancellationToken cancellationToken)
    {
        var previous = NpgsqlLogSequenceNumber.Invalid;
        while (!next.IsCompleted)
        {
            var received = _connection.LastReceivedLsn;
            if (received >= _target && received == previous)
            {
                return received;
            }

            previous = received;
            await Task.WhenAny(next, Task.Delay(IdleCheck, _clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return null;
    }

    private void Follow(RelationMessage relation)
    {
        if (relation.Namespace != _relation.Schema || relation.RelationName != _relation.Name)
        {
            return;
        }

        var names = relation.Columns.Select(c => c.ColumnName).ToList();
        _keyPositions = new int[_relation.Keys.Count];
        for (var i = 0; i < _keyPositions.Length; i++)
        {
            _keyPositions[i] = names.IndexOf(_relation.Keys[i]);
        }

        if (_keyPositions.Any(p => p < 0))
        {
            throw _errors.Unkeyable($"the table no longer has the key column {string.Join(", ", _relation.Keys.Where(k => !names.Contains(k)))}");
        }

        _relationId = relation.RelationId;
    }

    // An update names the row's new key; when the key changed, the old key comes too (its row is gone).
    private async Task UpdatedKeysAsync(UpdateMessage update, List<IReadOnlyList<string>> pending, CancellationToken cancellationToken)
    {
        var old = update switch
        {
            IndexUpdateMessage index => index.Key,
            FullUpdateMessage full => full.OldRow,
            _ => null,
        };
        if (old is not null)
        {
            pending.Add(await KeyAsync(old, "update", cancellationToken).ConfigureAwait(false));
        }

        pending.Add(await KeyAsync(update.NewRow, "update", cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<string>> KeyAsync(ReplicationTuple tuple, string change, CancellationToken cancellationToken)
    {
        var key = new string[_keyPositions.Length];
        var column = 0;
        await foreach (var value in tuple.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var at = Array.IndexOf(_keyPositions, column++);
            if (at < 0)
            {
                continue;
            }

            if (value.IsDBNull || value.IsUnchangedToastedValue)
            {
                throw _errors.Unkeyable($"an {change} sent key column {_relation.Keys[at]} as {(value.IsDBNull ? "NULL" : "an unchanged TOASTed value")}");
            }

            key[at] = await value.Get<string>(cancellationToken).ConfigureAwait(false);
        }

        return key;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_pending is not null)
            {
                await _pending.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (NpgsqlException)
        {
            // The stream was being stopped; its connection goes next.
        }

        try
        {
            await _messages.DisposeAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (NpgsqlException)
        {
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
