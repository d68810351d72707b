using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Hakiri.Connectors.Contract;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// Reads a guest batch's Arrow IPC stream. A stream of several record batches becomes one record batch (the columns
/// concatenated): a guest batch has one cursor, so handing out its parts separately would let a host commit a cursor
/// that does not match the rows it landed.
/// </summary>
internal static class ArrowBatches
{
    /// <summary>The records, or <see langword="null"/> when the stream holds a schema but no record batch.</summary>
    public static RecordBatch? Read(string connector, string call, byte[] stream)
    {
        var batches = new List<RecordBatch>();
        Schema? schema;
        try
        {
            using var reader = new ArrowStreamReader(stream.AsMemory());
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }

            schema = reader.Schema;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw NotArrow(connector, call, e.Message);
        }

        if (schema is null)
        {
            throw NotArrow(connector, call, "it holds no schema message");
        }

        switch (batches.Count)
        {
            case 0:
                return null;
            case 1:
                return batches[0];
        }

        try
        {
            var columns = new IArrowArray[schema.FieldsList.Count];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = ArrowArrayConcatenator.Concatenate(batches.Select(b => b.Column(i)).ToList());
            }

            var length = batches.Sum(b => b.Length);
            foreach (var batch in batches)
            {
                batch.Dispose();
            }

            return new RecordBatch(schema, columns, length);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or NotSupportedException)
        {
            throw NotArrow(connector, call, e.Message);
        }
    }

    /// <summary>A table schema taken from the Arrow schema, for a table discover declared without columns.</summary>
    public static TableSchema SchemaOf(string table, Schema schema) =>
        new(table, null, schema.FieldsList.Select(f => new ColumnDefinition(f.Name, TypeOf(f.DataType), f.IsNullable)).ToList(), []);

    private static ColumnType TypeOf(IArrowType type) => type switch
    {
        BooleanType => ColumnType.Boolean,
        Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type or UInt64Type => ColumnType.Int64,
        FloatType or DoubleType or HalfFloatType => ColumnType.Float64,
        Decimal128Type d => ColumnType.Decimal((byte)d.Precision, (byte)d.Scale),
        Decimal256Type d => ColumnType.Decimal((byte)Math.Min(d.Precision, 255), (byte)Math.Min(d.Scale, 255)),
        BinaryType or LargeBinaryType or FixedSizeBinaryType => ColumnType.Binary,
        Date32Type or Date64Type => ColumnType.Date,
        TimestampType => ColumnType.Timestamp,
        ListType or LargeListType => ColumnType.List,
        _ => ColumnType.Utf8,
    };

    private static ConnectorException NotArrow(string connector, string call, string why) =>
        new(ConnectorErrorKind.Permanent, $"connector {connector} returned a batch that is not an Arrow IPC stream: {why.TrimEnd('.')} ({call}).");
}
