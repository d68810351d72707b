using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// A prepared statement: parsed and bound once, executed any number of times with new parameter values.
/// Belongs to its connection's thread (see <see cref="DuckDbConnection"/>).
/// </summary>
public sealed class DuckDbStatement : IDisposable
{
    private readonly PreparedHandle _handle;
    private readonly DuckDbConnection _connection;

    private DuckDbStatement(PreparedHandle handle, DuckDbConnection connection)
    {
        _handle = handle;
        _connection = connection;
    }

    /// <summary>What kind of statement this is, as DuckDB classifies it.</summary>
    public DuckDbStatementType StatementType => (DuckDbStatementType)DuckDbNative.duckdb_prepared_statement_type(CheckOpen());

    /// <summary>The number of parameters the statement takes.</summary>
    public int ParameterCount => (int)DuckDbNative.duckdb_nparams(CheckOpen());

    /// <summary>
    /// Binds parameter <paramref name="index"/> (1-based: <c>$1</c> or the first <c>?</c>). Accepts null, string, bool,
    /// sbyte, short, int, long, byte, ushort, uint, ulong, Int128, UInt128, float, double, decimal, DateTime (as
    /// TIMESTAMP; a local time is converted to UTC first), DateTimeOffset (TIMESTAMP WITH TIME ZONE), DateOnly, TimeOnly,
    /// TimeSpan and <see cref="DuckDbInterval"/> (INTERVAL), Guid (as text, which DuckDB casts to UUID) and byte[] (BLOB).
    /// </summary>
    /// <exception cref="ArgumentException">The value's type is not one of those.</exception>
    /// <exception cref="DuckDbException">DuckDB refused the value, for example an index out of range.</exception>
    public DuckDbStatement Bind(int index, object? value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        if (ParameterBinder.Bind(CheckOpen(), (ulong)index, value) != 0)
        {
            throw new DuckDbException(
                $"DuckDB could not bind parameter {index} (the statement takes {ParameterCount}) to a {value?.GetType().Name ?? "null"} value.");
        }

        return this;
    }

    /// <summary>Binds the named parameter <c>$name</c>; see <see cref="Bind(int, object?)"/> for the accepted values.</summary>
    /// <exception cref="DuckDbException">The statement has no parameter of that name.</exception>
    public DuckDbStatement Bind(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (DuckDbNative.duckdb_bind_parameter_index(CheckOpen(), out var index, name) != 0)
        {
            throw new DuckDbException($"The statement has no parameter named ${name}.");
        }

        return Bind((int)index, value);
    }

    /// <summary>Forgets every bound value.</summary>
    public void ClearBindings() => DuckDbNative.duckdb_clear_bindings(CheckOpen());

    /// <summary>Runs the statement, discarding any rows.</summary>
    /// <returns>The rows inserted, updated or deleted; 0 for other statements.</returns>
    /// <exception cref="DuckDbException">The statement failed.</exception>
    public unsafe long Execute()
    {
        using var result = ResultHandle.Allocate();
        if (DuckDbNative.duckdb_execute_prepared(CheckOpen(), result.Pointer) != 0)
        {
            throw _connection.Failure(result, "DuckDB could not run the statement.");
        }

        return (long)DuckDbNative.duckdb_rows_changed(result.Pointer);
    }

    /// <summary>Runs the statement and streams its rows. Dispose the reader before running anything else on the connection.</summary>
    /// <exception cref="DuckDbException">The statement failed.</exception>
    public DuckDbReader Query() => DuckDbReader.Start(CheckOpen(), _connection, owner: null);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    /// <summary>Wraps a prepared handle, or throws DuckDB's prepare error (disposing the handle).</summary>
    internal static DuckDbStatement FromPrepared(PreparedHandle handle, DuckDbConnection connection, string fallback)
    {
        var error = handle.IsInvalid ? null : System.Runtime.InteropServices.Marshal.PtrToStringUTF8(DuckDbNative.duckdb_prepare_error(handle));
        if (handle.IsInvalid || error is not null)
        {
            handle.Dispose();
            var message = string.IsNullOrEmpty(error) ? fallback : error;
            throw new DuckDbException(message, DuckDbErrors.TypeFromMessage(message));
        }

        return new DuckDbStatement(handle, connection);
    }

    /// <summary>Runs the statement and hands its lifetime to the reader (for one-shot queries).</summary>
    internal DuckDbReader QueryOwned()
    {
        try
        {
            return DuckDbReader.Start(_handle, _connection, owner: this);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private PreparedHandle CheckOpen()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return _handle;
    }
}
