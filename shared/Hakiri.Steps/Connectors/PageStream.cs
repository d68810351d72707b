using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Hakiri.Connectors.Contract;
using Hakiri.Store;

namespace Hakiri.Steps.Connectors;

/// <summary>
/// The Arrow stream DuckDB scans to land one staged file: the batches a reader returns, one at a time, each with its
/// provenance (locator, record number) appended. DuckDB pulls, so memory holds one page. The stream ends at the
/// source's end, when the pull-batch's budget is spent, or at a batch whose schema differs from the first one's —
/// that batch is kept in <see cref="Held"/> and starts the next staged file. Columns a pipeline's redaction drops are
/// left out here, before DuckDB sees them: a scan of the stream must never leave a column unread, because DuckDB's
/// projection pushdown into a C API Arrow scan misaligns the columns it does read (values land in the wrong column).
/// </summary>
internal sealed class PageStream : IArrowArrayStream
{
    private readonly ISourceReader _reader;
    private readonly BatchBudget _budget;
    private readonly string _signature;
    private readonly int[] _kept;
    private SourceBatch? _first;
    private Task<SourceBatch?>? _prefetch;

    public PageStream(SourceBatch first, ISourceReader reader, BatchBudget budget, IReadOnlyCollection<string> drop)
    {
        _first = first;
        _reader = reader;
        _budget = budget;
        _signature = Signature(first);
        // Batches of one stream share a signature, so their columns sit at the same indexes.
        _kept = Enumerable.Range(0, first.Records.ColumnCount)
            .Where(i => !drop.Contains(first.Records.Schema.GetFieldByIndex(i).Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        Columns = first.Schema;
        Schema = WithProvenance(first.Records.Schema, _kept);
    }

    /// <inheritdoc />
    public Schema Schema { get; }

    /// <summary>The source schema of every batch in this stream (it says which columns hold JSON).</summary>
    public TableSchema Columns { get; }

    /// <summary>A batch read but not streamed because its schema differs; the next staged file starts with it.</summary>
    public SourceBatch? Held { get; private set; }

    /// <summary>Rows streamed.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public async ValueTask<RecordBatch> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        var batch = _first;
        _first = null;
        if (batch is null)
        {
            var pending = _prefetch;
            _prefetch = null;
            if (pending is null)
            {
                return null!;
            }

            batch = await pending.ConfigureAwait(false);
            if (batch is null)
            {
                return null!;
            }

            if (Signature(batch) != _signature)
            {
                Held = batch;
                return null!;
            }
        }

        _budget.Spend(batch.Records.Length);
        Rows += batch.Records.Length;
        Prefetch(cancellationToken);
        return Append(batch);
    }

    // The next page is fetched while DuckDB writes this one (the network and the CPU overlap). Only when it will be
    // consumed: a fetched batch advances the reader's cursor, so it must land in this file or the next part.
    private void Prefetch(CancellationToken cancellationToken)
    {
        if (_reader.HasMore && !_budget.Spent)
        {
            _prefetch = _reader.NextAsync(cancellationToken).AsTask();
        }
    }

    private RecordBatch Append(SourceBatch batch)
    {
        var length = batch.Records.Length;
        var sources = new StringArray.Builder().Reserve(length);
        var records = new Int64Array.Builder().Reserve(length);
        for (var i = 0; i < length; i++)
        {
            sources.Append(batch.Locator);
            records.Append(i + 1);
        }

        var columns = new List<IArrowArray>(_kept.Length + 2);
        foreach (var i in _kept)
        {
            columns.Add(batch.Records.Column(i));
        }

        columns.Add(sources.Build());
        columns.Add(records.Build());
        return new RecordBatch(Schema, columns, length);
    }

    private static Schema WithProvenance(Schema schema, int[] kept)
    {
        var builder = new Schema.Builder();
        foreach (var i in kept)
        {
            builder.Field(schema.GetFieldByIndex(i));
        }

        builder.Field(new Field(ProvenanceColumns.Source, StringType.Default, nullable: false));
        builder.Field(new Field(ProvenanceColumns.Record, Int64Type.Default, nullable: false));
        return builder.Build();
    }

    // Batches share a staged file when their columns have the same names, Arrow types, source kinds and landing casts
    // (a JSON column, a uuid and a text column are all Arrow strings but land differently).
    private static string Signature(SourceBatch batch)
    {
        var kinds = batch.Schema.Columns.ToDictionary(c => c.Name, c => c.Type.Kind, StringComparer.Ordinal);
        return string.Join('\u001f', batch.Records.Schema.FieldsList.Select(f =>
            $"{f.Name}\u001e{f.DataType.TypeId}\u001e{(f.DataType as TimestampType)?.Unit}\u001e{kinds.GetValueOrDefault(f.Name)}\u001e{Cast(f)}"));
    }

    private static string? Cast(Field field) => field.HasMetadata ? field.Metadata.GetValueOrDefault(SourceFieldMetadata.DuckDbCast) : null;

    /// <inheritdoc />
    public void Dispose()
    {
        // DuckDB stops pulling only at the end, so a prefetch is never left behind; observe one anyway.
        _prefetch?.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }
}

/// <summary>How much one pull-batch of a connector source may stage: rows and wall time.</summary>
internal sealed class BatchBudget(int maxRows, TimeSpan maxTime, TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();
    private long _rows;

    public bool Spent => _rows >= maxRows || clock.GetElapsedTime(_started) >= maxTime;

    public void Spend(int rows) => _rows += rows;
}
