using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Hakiri.Connectors.Contract;
using Npgsql;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>
/// The Arrow batches of change capture: the table's columns exactly as the snapshot reads them (the same select list
/// and the same appenders), every field nullable (a delete carries only its key), and <see cref="ChangeOperation.Column"/> last.
/// A batch of changed keys becomes rows by reading those keys from the table: a key whose row exists lands its current
/// row, one whose row is gone is a delete. So an update whose unchanged TOASTed values the stream leaves out lands whole.
/// </summary>
internal sealed class ChangeBatches
{
    private readonly PgReadPlan _plan;
    private readonly PostgresBatchBuilder _builder;
    private readonly Field _operation = new(ChangeOperation.Column, StringType.Default, nullable: false);

    public ChangeBatches(PgReadPlan plan)
    {
        _plan = plan;
        _builder = new PostgresBatchBuilder(plan.Columns);
    }

    /// <summary>
    /// The rows of the changed keys as they are now, in one statement (one consistent view of the table): each
    /// key's row, or its key alone marked deleted. Parameter <c>$1</c> is a JSON array of keys, each an array of text.
    /// </summary>
    public string ChangedSql()
    {
        var keys = _plan.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k.Name, x => x.i, StringComparer.Ordinal);
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", _plan.Columns.Select(c =>
        {
            var reference = keys.TryGetValue(c.Name, out var i) ? $"({Text(i)})::{_plan.Keys[i].SqlType}" : "q." + PostgresTypes.Quote(c.Name);
            return string.Format(CultureInfo.InvariantCulture, c.Select, reference) + " AS " + PostgresTypes.Quote(c.Name);
        }));
        sql.Append(", CASE WHEN q.").Append(PostgresTypes.Quote(_plan.Keys[0].Name)).Append(" IS NULL THEN 'd' ELSE 'u' END");
        sql.Append(" FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS k(key, n) LEFT JOIN ").Append(_plan.From).Append(" AS q ON ");
        sql.AppendJoin(" AND ", _plan.Keys.Select((k, i) => $"q.{PostgresTypes.Quote(k.Name)} = ({Text(i)})::{k.SqlType}"));
        return sql.Append(" ORDER BY k.n").ToString();

        static string Text(int i) => $"k.key->>{i.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Reads the rows of <paramref name="keys"/> (after a reset row when <paramref name="truncated"/>).</summary>
    public async Task<RecordBatch> ChangedAsync(NpgsqlConnection connection, ChangeKeys keys, bool truncated, CancellationToken cancellationToken)
    {
        var operations = new StringArray.Builder();
        if (truncated)
        {
            await AppendResetAsync(connection, operations, cancellationToken).ConfigureAwait(false);
        }

        await using var command = new NpgsqlCommand(ChangedSql(), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(keys.Keys, CdcJsonContext.Default.IReadOnlyListIReadOnlyListString) });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        var column = _plan.Columns.Count;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _builder.Append(reader);
            operations.Append(reader.GetString(column));
        }

        return With(_builder.Build(), operations.Build());
    }

    /// <summary>One row, every column NULL, that tells the write step to drop the table's stored rows.</summary>
    public async Task<RecordBatch> ResetAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var operations = new StringArray.Builder();
        await AppendResetAsync(connection, operations, cancellationToken).ConfigureAwait(false);
        return With(_builder.Build(), operations.Build());
    }

    /// <summary>A snapshot page as upserts.</summary>
    public RecordBatch Upserts(RecordBatch page)
    {
        var operations = new StringArray.Builder().Reserve(page.Length);
        for (var i = 0; i < page.Length; i++)
        {
            operations.Append(ChangeOperation.Upsert);
        }

        return With(page, operations.Build());
    }

    private async Task AppendResetAsync(NpgsqlConnection connection, StringArray.Builder operations, CancellationToken cancellationToken)
    {
        var nulls = _plan.Columns.Select(c => string.Format(CultureInfo.InvariantCulture, c.Select, $"NULL::{c.SqlType}") + " AS " + PostgresTypes.Quote(c.Name));
        await using var command = new NpgsqlCommand("SELECT " + string.Join(", ", nulls), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        _builder.Append(reader);
        operations.Append(ChangeOperation.Reset);
    }

    private RecordBatch With(RecordBatch rows, StringArray operations)
    {
        var schema = new Schema.Builder();
        foreach (var field in rows.Schema.FieldsList)
        {
            schema.Field(new Field(field.Name, field.DataType, nullable: true, field.HasMetadata ? field.Metadata : null));
        }

        schema.Field(_operation);
        var columns = new List<IArrowArray>(rows.ColumnCount + 1);
        for (var i = 0; i < rows.ColumnCount; i++)
        {
            columns.Add(rows.Column(i));
        }

        columns.Add(operations);
        return new RecordBatch(schema.Build(), columns, rows.Length);
    }
}
