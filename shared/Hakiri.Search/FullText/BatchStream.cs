using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Hakiri.Search.FullText;

/// <summary>Record batches produced lazily, one at a time, for DuckDB to read through an Arrow view.</summary>
internal sealed class BatchStream(Schema schema, IEnumerable<RecordBatch> batches) : IArrowArrayStream
{
    private readonly IEnumerator<RecordBatch> _batches = batches.GetEnumerator();

    public Schema Schema { get; } = schema;

    public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_batches.MoveNext() ? _batches.Current : null);

    public void Dispose() => _batches.Dispose();
}
