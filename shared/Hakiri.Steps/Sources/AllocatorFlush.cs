using Hakiri.DuckDb;
using Hakiri.Model.Manifests;

namespace Hakiri.Steps.Sources;

/// <summary>
/// While a JSON file converts, has DuckDB hand freed memory back to the OS after every free of 2 MB or more, and gives
/// the default back on dispose. DuckDB purges its allocator when a worker thread idles or after a single free larger
/// than this threshold; with one thread the query runs on the calling thread, which is no worker, so at the default
/// (512 MB) a 10 M-row NDJSON file peaked at 200-400 MB RSS while DuckDB's own accounting stayed under 90 MB. 8 MB and up
/// did not help. Not for CSV: its 4 MB read buffers would trigger a purge each, slowing it by a third, and it stays low without.
/// </summary>
internal sealed class AllocatorFlush : IDisposable
{
    private readonly DuckDbConnection? _connection;

    private AllocatorFlush(DuckDbConnection? connection) => _connection = connection;

    public static AllocatorFlush Enter(DuckDbConnection connection, SourceFormat source)
    {
        if (source.Format is not (FileFormat.Ndjson or FileFormat.Json))
        {
            return new AllocatorFlush(null);
        }

        connection.Execute("SET allocator_bulk_deallocation_flush_threshold = '2MB'");
        return new AllocatorFlush(connection);
    }

    /// <summary>
    /// An instance-wide setting: a database reused by the next step (StepContext.ReuseDuckDb) gets the default back.
    /// Best effort: it must not hide the error that brought us here.
    /// </summary>
    public void Dispose()
    {
        try
        {
            _connection?.Execute("RESET allocator_bulk_deallocation_flush_threshold");
        }
        catch (DuckDbException)
        {
        }
    }
}
