using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Hakiri.DuckDb.Tests.Arrow;

/// <summary>Serves batches in order; a null entry makes the read throw instead.</summary>
internal sealed class TestArrowStream(Schema schema, IEnumerable<RecordBatch?> batches, string failure = "the source broke") : IArrowArrayStream
{
    private readonly IEnumerator<RecordBatch?> _batches = batches.GetEnumerator();

    public Schema Schema => schema;

    public bool Disposed { get; private set; }

    public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        if (!_batches.MoveNext())
        {
            return ValueTask.FromResult<RecordBatch?>(null);
        }

        return _batches.Current is { } batch
            ? ValueTask.FromResult<RecordBatch?>(batch)
            : throw new InvalidOperationException(failure);
    }

    public void Dispose()
    {
        Disposed = true;
        _batches.Dispose();
    }
}
