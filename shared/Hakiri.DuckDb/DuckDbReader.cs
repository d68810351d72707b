using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// Streams a result chunk by chunk (up to 2048 rows each) and reads it row by row. Values map to .NET as follows:
/// BOOLEAN bool; TINYINT..BIGINT sbyte/short/int/long; UTINYINT..UBIGINT byte/ushort/uint/ulong; HUGEINT Int128;
/// UHUGEINT UInt128; FLOAT float; DOUBLE double; DECIMAL decimal; VARCHAR string; BLOB byte[]; DATE DateOnly;
/// TIME and TIME_NS TimeOnly; TIMESTAMP, TIMESTAMP_S/_MS/_NS DateTime (Kind UTC; nanoseconds truncated to 100 ns
/// ticks); TIMESTAMP WITH TIME ZONE DateTimeOffset (offset zero); INTERVAL <see cref="DuckDbInterval"/>; UUID Guid;
/// ENUM its label; LIST, ARRAY, STRUCT, MAP, UNION, BIT and TIME WITH TIME ZONE the text DuckDB's CAST to VARCHAR
/// gives (timestamps with time zone inside them rendered in UTC). DATE and TIMESTAMP infinities map to the ends of
/// the .NET range, TIME 24:00:00 to <see cref="TimeOnly.MaxValue"/>; finite values outside years 1 to 9999 throw
/// <see cref="OverflowException"/>, as do DECIMALs beyond System.Decimal (<see cref="GetString"/> reads them all). Other types (BIGNUM, GEOMETRY, VARIANT) throw <see cref="NotSupportedException"/>: cast them in SQL.
/// Not thread-safe; dispose it before running another statement on the same connection.
/// </summary>
public sealed class DuckDbReader : IDisposable
{
    private readonly ResultHandle _result;
    private readonly DuckDbStatement? _owner;
    private readonly DuckDbConnection _connection;
    private readonly VectorReader[] _vectors;
    private DataChunkHandle? _chunk;
    private ulong _chunkSize;
    private ulong _row;
    private bool _done;

    private DuckDbReader(ResultHandle result, DuckDbConnection connection, DuckDbStatement? owner, IReadOnlyList<DuckDbColumn> columns, long rowsChanged)
    {
        _result = result;
        _connection = connection;
        _owner = owner;
        Columns = columns;
        RowsChanged = rowsChanged;
        _vectors = columns.Select(column => new VectorReader(column.Type)).ToArray();
    }

    /// <summary>The result's columns, in order.</summary>
    public IReadOnlyList<DuckDbColumn> Columns { get; }

    /// <summary>The number of columns.</summary>
    public int FieldCount => Columns.Count;

    /// <summary>For INSERT, UPDATE and DELETE without RETURNING: the rows changed (then the result has one "Count" row too).</summary>
    public long RowsChanged { get; }

    /// <summary>Advances to the next row, fetching the next chunk when the current one is used up.</summary>
    /// <returns>False after the last row.</returns>
    /// <exception cref="DuckDbException">The query failed while producing rows, or was interrupted.</exception>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        if (_chunk is not null && ++_row < _chunkSize)
        {
            return true;
        }

        while (!_done)
        {
            _chunk?.Dispose();
            _chunk = _result.FetchChunk();
            if (_chunk is null)
            {
                _done = true;
                // A stream that stops early (an error mid-query, an interrupt) reports it only through the result.
                if (_result.ErrorMessage is { Length: > 0 })
                {
                    throw _connection.Failure(_result, "DuckDB failed while producing rows.");
                }

                break;
            }

            _chunkSize = DuckDbNative.duckdb_data_chunk_get_size(_chunk);
            _row = 0;
            if (_chunkSize > 0)
            {
                for (var i = 0; i < _vectors.Length; i++)
                {
                    _vectors[i].Bind(DuckDbNative.duckdb_data_chunk_get_vector(_chunk, (ulong)i));
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>Whether column <paramref name="ordinal"/> of the current row is NULL.</summary>
    public bool IsNull(int ordinal) => Vector(ordinal).IsNull(_row);

    /// <summary>The value of column <paramref name="ordinal"/> in the current row, or null for SQL NULL (mapping above).</summary>
    public object? GetValue(int ordinal)
    {
        var vector = Vector(ordinal);
        return vector.IsNull(_row) ? null : DuckDbValues.Read(vector, _row);
    }

    /// <summary>
    /// The value as <see cref="GetValue"/> gives it, except a DECIMAL wider than System.Decimal (a PostgreSQL
    /// numeric(38,0), say), which comes as its exact text — for writers that show any value (query output, MCP rows).
    /// </summary>
    public object? GetValueOrText(int ordinal)
    {
        var vector = Vector(ordinal);
        if (vector.IsNull(_row))
        {
            return null;
        }

        try
        {
            return DuckDbValues.Read(vector, _row);
        }
        catch (OverflowException) when (vector.Type.Kind == DuckDbTypeKind.Decimal)
        {
            return DuckDbText.Render(vector, _row);
        }
    }

    /// <summary>The value of column <paramref name="ordinal"/> as text: VARCHAR as is, any other type the way DuckDB prints it.</summary>
    /// <exception cref="InvalidOperationException">The value is NULL.</exception>
    public string GetString(int ordinal)
    {
        var vector = Vector(ordinal);
        ThrowIfNull(vector, ordinal);
        return vector.Type.Kind == DuckDbTypeKind.Varchar ? vector.String(_row) : DuckDbText.Render(vector, _row);
    }

    /// <summary>The value of an integer column (any signed width, or unsigned up to UINTEGER) as a long.</summary>
    /// <exception cref="InvalidOperationException">The value is NULL.</exception>
    /// <exception cref="InvalidCastException">The column is not an integer type that fits a long.</exception>
    public long GetInt64(int ordinal)
    {
        var vector = Vector(ordinal);
        ThrowIfNull(vector, ordinal);
        return vector.Type.Kind switch
        {
            DuckDbTypeKind.TinyInt => vector.Raw<sbyte>(_row),
            DuckDbTypeKind.SmallInt => vector.Raw<short>(_row),
            DuckDbTypeKind.Integer => vector.Raw<int>(_row),
            DuckDbTypeKind.BigInt => vector.Raw<long>(_row),
            DuckDbTypeKind.UTinyInt => vector.Raw<byte>(_row),
            DuckDbTypeKind.USmallInt => vector.Raw<ushort>(_row),
            DuckDbTypeKind.UInteger => vector.Raw<uint>(_row),
            _ => throw new InvalidCastException($"Column {ordinal} ('{Columns[ordinal].Name}') is {vector.Type.Name}, not an integer that fits a long."),
        };
    }

    /// <summary>
    /// Moves to the next chunk (up to 2048 rows) and gives all of a BIGINT column's values in it at once, for scans
    /// that need no call per row. Rows of the current chunk that <see cref="Read"/> has not reached are skipped, and the
    /// chunk counts as read: the next <see cref="Read"/> or call moves on. The span is valid until then.
    /// </summary>
    /// <param name="ordinal">The column; cast it to BIGINT in SQL if it has another integer type.</param>
    /// <param name="values">The chunk's values, in row order; empty after the last chunk.</param>
    /// <returns>False after the last chunk.</returns>
    /// <exception cref="InvalidCastException">The column is not BIGINT.</exception>
    /// <exception cref="InvalidOperationException">A value in the chunk is NULL.</exception>
    /// <exception cref="DuckDbException">The query failed while producing rows, or was interrupted.</exception>
    public bool ReadInt64Chunk(int ordinal, out ReadOnlySpan<long> values)
    {
        var vector = _vectors[ordinal];
        if (vector.Type.Kind != DuckDbTypeKind.BigInt)
        {
            throw new InvalidCastException($"Column {ordinal} ('{Columns[ordinal].Name}') is {vector.Type.Name}, not BIGINT.");
        }

        if (_chunk is not null)
        {
            _row = _chunkSize; // what is left of this chunk is skipped
        }

        if (!Read())
        {
            values = default;
            return false;
        }

        if (vector.AnyNull(_chunkSize))
        {
            throw new InvalidOperationException($"Column {ordinal} ('{Columns[ordinal].Name}') holds a NULL: read it row by row, or filter NULLs in SQL.");
        }

        values = vector.Span<long>((int)_chunkSize);
        _row = _chunkSize - 1; // the whole chunk is read
        return true;
    }

    /// <summary>The ordinal of the first column named <paramref name="name"/> (case-insensitive, as DuckDB resolves names).</summary>
    /// <exception cref="ArgumentException">No column has that name.</exception>
    public int GetOrdinal(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentException($"The result has no column named '{name}'.", nameof(name));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _chunk?.Dispose();
        _chunk = null;
        _result.Dispose();
        _owner?.Dispose();
    }

    /// <summary>Executes a prepared statement as a stream and wraps the result.</summary>
    internal static unsafe DuckDbReader Start(PreparedHandle statement, DuckDbConnection connection, DuckDbStatement? owner)
    {
        var result = ResultHandle.Allocate();
        try
        {
            if (DuckDbNative.duckdb_execute_prepared_streaming(statement, result.Pointer) != 0)
            {
                throw connection.Failure(result, "DuckDB could not run the statement.");
            }

            var count = (int)DuckDbNative.duckdb_column_count(result.Pointer);
            var columns = new DuckDbColumn[count];
            for (var i = 0; i < count; i++)
            {
                var name = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(DuckDbNative.duckdb_column_name(result.Pointer, (ulong)i)) ?? "";
                using var type = DuckDbNative.duckdb_column_logical_type(result.Pointer, (ulong)i);
                columns[i] = new DuckDbColumn(name, LogicalTypes.Describe(type));
            }

            return new DuckDbReader(result, connection, owner, columns, (long)DuckDbNative.duckdb_rows_changed(result.Pointer));
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private VectorReader Vector(int ordinal)
    {
        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        if (_chunk is null || _row >= _chunkSize)
        {
            throw new InvalidOperationException("There is no current row: call Read() first, and only read while it returns true.");
        }

        return _vectors[ordinal];
    }

    private void ThrowIfNull(VectorReader vector, int ordinal)
    {
        if (vector.IsNull(_row))
        {
            throw new InvalidOperationException($"Column {ordinal} ('{Columns[ordinal].Name}') is NULL in this row; check IsNull first.");
        }
    }
}
