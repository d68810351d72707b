using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>: its own transaction state and settings. Not thread-safe: use it
/// from one thread at a time (only <see cref="Interrupt"/> may be called from another). A streaming
/// <see cref="DuckDbReader"/> holds the connection until disposed; running another statement on the connection while a
/// reader is open ends that reader's stream.
/// </summary>
public sealed partial class DuckDbConnection : IDisposable
{
    internal DuckDbConnection(ConnectionHandle handle) => Handle = handle;

    internal ConnectionHandle Handle { get; }

    /// <summary>
    /// Runs one or more statements separated by semicolons, materializing and discarding any rows.
    /// </summary>
    /// <returns>The rows the last statement inserted, updated or deleted; 0 for other statements.</returns>
    /// <exception cref="DuckDbException">A statement failed; statements before it have run.</exception>
    public unsafe long Execute(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var result = ResultHandle.Allocate();
        if (DuckDbNative.duckdb_query(CheckOpen(), sql, result.Pointer) != 0)
        {
            throw Failure(result, "DuckDB could not run the statement.");
        }

        return (long)DuckDbNative.duckdb_rows_changed(result.Pointer);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> and streams the rows of its last statement; earlier statements (when the text holds
    /// several) run first and their rows are discarded.
    /// </summary>
    /// <exception cref="DuckDbException">The SQL does not parse, or a statement failed (statements before it have run).</exception>
    public DuckDbReader Query(string sql)
    {
        var count = CountStatements(sql, out var statements);
        using (statements)
        {
            if (count == 0)
            {
                throw new DuckDbException("The query holds no SQL statement.", DuckDbErrorType.Parser);
            }

            for (var i = 0UL; i < count - 1; i++)
            {
                using var earlier = PrepareExtracted(statements, i);
                earlier.Execute();
            }

            var last = PrepareExtracted(statements, count - 1);
            return last.QueryOwned();
        }
    }

    /// <summary>Prepares a single statement, with <c>?</c>, <c>$1</c> or <c>$name</c> parameters to bind.</summary>
    /// <exception cref="DuckDbException">The SQL does not parse or bind, or holds more than one statement.</exception>
    public DuckDbStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        DuckDbNative.duckdb_prepare(CheckOpen(), sql, out var handle);
        return DuckDbStatement.FromPrepared(handle, this, "DuckDB could not prepare the statement.");
    }

    /// <summary>
    /// The number of statements in <paramref name="sql"/> as DuckDB's parser splits it (comments and empty statements do
    /// not count), without binding or running any of them.
    /// </summary>
    /// <exception cref="DuckDbException">The SQL does not parse; the message is DuckDB's.</exception>
    public int CountStatements(string sql)
    {
        var count = CountStatements(sql, out var statements);
        statements.Dispose();
        return (int)count;
    }

    /// <summary>Creates an appender that inserts rows into <paramref name="table"/> quickly, bypassing SQL.</summary>
    /// <exception cref="DuckDbException">The table does not exist.</exception>
    public DuckDbAppender CreateAppender(string table, string? schema = null) => DuckDbAppender.Create(this, schema, table);

    /// <summary>
    /// Asks the statement running on this connection to stop; it then fails with <see cref="DuckDbErrorType.Interrupt"/>.
    /// Safe to call from another thread; does nothing when no statement runs.
    /// </summary>
    public void Interrupt() => DuckDbNative.duckdb_interrupt(CheckOpen());

    /// <inheritdoc />
    public void Dispose()
    {
        DisposeArrowViews();
        Handle.Dispose();
    }

    private ConnectionHandle CheckOpen()
    {
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        return Handle;
    }

    private ulong CountStatements(string sql, out ExtractedHandle statements)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var count = DuckDbNative.duckdb_extract_statements(CheckOpen(), sql, out statements);
        if (count == 0)
        {
            var error = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(DuckDbNative.duckdb_extract_statements_error(statements));
            if (!string.IsNullOrEmpty(error))
            {
                statements.Dispose();
                throw new DuckDbException(error, DuckDbErrorType.Parser);
            }
        }

        return count;
    }

    private DuckDbStatement PrepareExtracted(ExtractedHandle statements, ulong index)
    {
        DuckDbNative.duckdb_prepare_extracted_statement(Handle, statements, index, out var handle);
        return DuckDbStatement.FromPrepared(handle, this, "DuckDB could not prepare the statement.");
    }
}
