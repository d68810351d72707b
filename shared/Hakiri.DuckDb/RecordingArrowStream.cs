using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Hakiri.DuckDb;

/// <summary>
/// Wraps a stream handed to DuckDB so that an exception it throws during a scan is kept (the C interface carries only
/// its message), and so its schema is read once: DuckDB ignores a failed schema call when it binds a query.
/// </summary>
internal sealed class RecordingArrowStream(IArrowArrayStream inner, Schema schema, Action<Exception> record) : IArrowArrayStream
{
    public Schema Schema => schema;

    public async ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadNextRecordBatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            record(failure);
            throw;
        }
    }

    public void Dispose() => inner.Dispose();
}
