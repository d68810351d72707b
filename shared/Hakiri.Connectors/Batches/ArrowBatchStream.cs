using System.Diagnostics.CodeAnalysis;
using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace Hakiri.Connectors.Batches;

/// <summary>
/// Serves record batches that share one schema as an <see cref="IArrowArrayStream"/> (for example to hand them to
/// DuckDB). Batches are produced lazily from the sequence and are not disposed by the stream: their owner keeps them
/// alive until the reader is done.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is an Arrow array stream (IArrowArrayStream), not a System.IO.Stream; the name says which.")]
public sealed class ArrowBatchStream : IArrowArrayStream
{
    private readonly IEnumerator<RecordBatch> _batches;

    /// <summary>Creates a stream of <paramref name="batches"/>, each of which must have <paramref name="schema"/>'s columns.</summary>
    public ArrowBatchStream(Schema schema, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        Schema = schema;
        _batches = batches.GetEnumerator();
    }

    /// <summary>The schema every batch follows.</summary>
    public Schema Schema { get; }

    /// <summary>The next batch, or <see langword="null"/> after the last.</summary>
    /// <exception cref="InvalidOperationException">The batch's columns differ from <see cref="Schema"/>.</exception>
    public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_batches.MoveNext())
        {
            return ValueTask.FromResult<RecordBatch?>(null);
        }

        var batch = _batches.Current;
        if (!SameColumns(batch.Schema))
        {
            throw new InvalidOperationException(
                $"A record batch does not follow the stream's schema: it has columns ({Describe(batch.Schema)}), the stream ({Describe(Schema)}).");
        }

        return ValueTask.FromResult<RecordBatch?>(batch);
    }

    /// <inheritdoc />
    public void Dispose() => _batches.Dispose();

    private bool SameColumns(Schema other)
    {
        if (ReferenceEquals(other, Schema))
        {
            return true;
        }

        if (other.FieldsList.Count != Schema.FieldsList.Count)
        {
            return false;
        }

        for (var i = 0; i < other.FieldsList.Count; i++)
        {
            var (mine, theirs) = (Schema.FieldsList[i], other.FieldsList[i]);
            if (mine.Name != theirs.Name || mine.DataType.TypeId != theirs.DataType.TypeId)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(Schema schema) =>
        string.Join(", ", schema.FieldsList.Select(field => $"{field.Name} {field.DataType.Name}"));
}
