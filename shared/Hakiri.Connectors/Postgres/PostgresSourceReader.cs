using System.Data;
using System.Globalization;
using Apache.Arrow;
using Hakiri.Connectors.Contract;
using Npgsql;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// One read (one pull-batch): a single <c>REPEATABLE READ, READ ONLY</c> transaction on one connection, so every page
/// of the pull-batch sees the same snapshot; each <see cref="NextAsync"/> is one keyset page of
/// <see cref="PgReadPlan.BatchRows"/> rows, read with the binary protocol straight into Arrow arrays.
/// </summary>
internal sealed class PostgresSourceReader : ISourceReader
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly PgReadPlan _plan;
    private readonly PostgresErrors _errors;
    private readonly string _locator;
    private readonly string? _bound;
    private readonly PostgresBatchBuilder _builder;
    private readonly TableSchema _schema;
    private readonly NpgsqlDataSource _dataSource;
    private IReadOnlyList<string>? _after;
    private bool _done;

    public PostgresSourceReader(NpgsqlConnection connection, NpgsqlTransaction transaction, PgReadPlan plan, TableSchema schema, PostgresErrors errors, string locator, string? bound, IReadOnlyList<string>? after, NpgsqlDataSource dataSource)
    {
        _connection = connection;
        _transaction = transaction;
        _plan = plan;
        _schema = schema;
        _errors = errors;
        _locator = locator;
        _bound = bound;
        _after = after;
        _dataSource = dataSource;
        _builder = new PostgresBatchBuilder(plan.Columns);
    }

    /// <inheritdoc />
    public bool HasMore => !_done;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Cursor => new PostgresCursor
    {
        Mode = _plan.ModeName,
        Columns = _done && _plan.Mode != Model.Manifests.PostgresReadMode.Incremental ? null : _after is null ? null : _plan.KeyNames,
        After = _done && _plan.Mode != Model.Manifests.PostgresReadMode.Incremental ? null : _after,
    }.ToBytes();

    /// <inheritdoc />
    public async ValueTask<SourceBatch?> NextAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return null;
        }

        try
        {
            return await PageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (_errors.Translate(e) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<SourceBatch?> PageAsync(CancellationToken cancellationToken)
    {
        var keys = _plan.Keys.Count;
        await using var command = new NpgsqlCommand(_plan.PageSql(_after is not null, _bound is not null), _connection, _transaction);
        foreach (var value in _after ?? [])
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        if (_bound is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = _bound });
        }

        var last = new string[keys];
        var columns = _plan.Columns.Count;
        var fromBatch = _plan.KeysFromBatch;
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _builder.Append(reader);
                for (var k = 0; k < keys && !fromBatch; k++)
                {
                    last[k] = reader.GetString(columns + k);
                }
            }
        }

        var rows = _builder.Rows;
        _done = rows < _plan.BatchRows;
        if (rows == 0)
        {
            return null;
        }

        var batch = _builder.Build();
        _after = fromBatch ? LastKey(batch) : last;
        return new SourceBatch(batch, _locator, _schema);
    }

    // The last row's key as PostgreSQL's text would spell it, for integer and text keys.
    private string[] LastKey(RecordBatch batch)
    {
        var row = batch.Length - 1;
        return _plan.Keys.Select(k => batch.Column(batch.Schema.GetFieldIndex(k.Name)) switch
        {
            Int16Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            Int32Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            Int64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            StringArray a => a.GetString(row),
            var other => throw new InvalidOperationException($"Key column '{k.Name}' is a {other.GetType().Name}."),
        }).ToArray();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.RollbackAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection has no transaction left to end.
        }
        catch (InvalidOperationException)
        {
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
