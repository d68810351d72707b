using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// Inserts rows into one table much faster than INSERT statements: append one value per column, then
/// <see cref="EndRow"/>. Rows are buffered and written on <see cref="Flush"/> and on <see cref="Dispose"/> (which
/// reports a failed final write). Belongs to its connection's thread.
/// </summary>
public sealed unsafe class DuckDbAppender : IDisposable
{
    // Pinning an empty array yields a null pointer; DuckDB expects a valid address even for zero bytes.
    private static readonly byte[] Empty = [0];
    private readonly AppenderHandle _handle;
    private readonly string _table;

    private DuckDbAppender(AppenderHandle handle, string table)
    {
        _handle = handle;
        _table = table;
    }

    /// <summary>The number of columns each row needs.</summary>
    public int ColumnCount => (int)DuckDbNative.duckdb_appender_column_count(CheckOpen());

    /// <summary>
    /// Appends the next column's value: null, string, bool, int, long, double, decimal and Guid (as text, which
    /// DuckDB casts to the column type), DateOnly, DateTime (UTC or unspecified, as TIMESTAMP) or byte[].
    /// </summary>
    /// <exception cref="ArgumentException">The value's type is not one of those.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the value (too many columns, a failed cast).</exception>
    public DuckDbAppender Append(object? value)
    {
        var handle = CheckOpen();
        var state = value switch
        {
            null or DBNull => DuckDbNative.duckdb_append_null(handle),
            string text => AppendText(handle, text),
            bool flag => DuckDbNative.duckdb_append_bool(handle, flag ? (byte)1 : (byte)0),
            int number => DuckDbNative.duckdb_append_int32(handle, number),
            long number => DuckDbNative.duckdb_append_int64(handle, number),
            double number => DuckDbNative.duckdb_append_double(handle, number),
            decimal number => AppendText(handle, number.ToString(CultureInfo.InvariantCulture)),
            Guid guid => AppendText(handle, guid.ToString("D")),
            DateOnly date => DuckDbNative.duckdb_append_date(handle, date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
            DateTime time => DuckDbNative.duckdb_append_timestamp(handle, ParameterBinder.MicrosSinceEpoch(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time)),
            byte[] bytes => AppendBlob(handle, bytes),
            _ => throw new ArgumentException($"A {value.GetType().Name} value cannot be appended; convert it to a string or a number first.", nameof(value)),
        };
        return Check(state, "append a value to");
    }

    /// <summary>Finishes the current row; every column must have had a value appended.</summary>
    /// <exception cref="DuckDbException">The row is incomplete.</exception>
    public DuckDbAppender EndRow() => Check(DuckDbNative.duckdb_appender_end_row(CheckOpen()), "end a row of");

    /// <summary>Writes the buffered rows to the table.</summary>
    /// <exception cref="DuckDbException">A constraint failed; the buffered rows are discarded.</exception>
    public void Flush()
    {
        var handle = CheckOpen();
        if (DuckDbNative.duckdb_appender_flush(handle) != 0)
        {
            var error = Failure("flush rows into");
            // DuckDB keeps rows that failed to flush; drop them so Dispose does not fail again on the same rows.
            DuckDbNative.duckdb_appender_clear(handle);
            throw error;
        }
    }

    /// <summary>Writes the remaining rows and releases the appender.</summary>
    /// <exception cref="DuckDbException">The final write failed (the appender is released regardless).</exception>
    public void Dispose()
    {
        if (_handle.IsClosed)
        {
            return;
        }

        try
        {
            Check(DuckDbNative.duckdb_appender_close(_handle), "write the last rows into");
        }
        finally
        {
            _handle.Dispose();
        }
    }

    internal static DuckDbAppender Create(DuckDbConnection connection, string? schema, string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        DuckDbNative.duckdb_appender_create(connection.Handle, schema, table, out var handle);
        var error = handle.IsInvalid ? null : Marshal.PtrToStringUTF8(DuckDbNative.duckdb_appender_error(handle));
        if (handle.IsInvalid || error is not null)
        {
            handle.Dispose();
            throw new DuckDbException($"DuckDB could not create an appender for table {table}: {error ?? "the table does not exist"}", DuckDbErrorType.Catalog);
        }

        return new DuckDbAppender(handle, table);
    }

    private static int AppendText(AppenderHandle handle, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* pointer = bytes.Length == 0 ? Empty : bytes)
        {
            return DuckDbNative.duckdb_append_varchar_length(handle, pointer, (ulong)bytes.Length);
        }
    }

    private static int AppendBlob(AppenderHandle handle, byte[] bytes)
    {
        fixed (byte* pointer = bytes.Length == 0 ? Empty : bytes)
        {
            return DuckDbNative.duckdb_append_blob(handle, pointer, (ulong)bytes.Length);
        }
    }

    private DuckDbAppender Check(int state, string action) => state == 0 ? this : throw Failure(action);

    private DuckDbException Failure(string action)
    {
        var error = Marshal.PtrToStringUTF8(DuckDbNative.duckdb_appender_error(_handle)) ?? "no reason given";
        return new DuckDbException($"DuckDB could not {action} table {_table}: {error}", DuckDbErrors.TypeFromMessage(error));
    }

    private AppenderHandle CheckOpen()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return _handle;
    }
}
