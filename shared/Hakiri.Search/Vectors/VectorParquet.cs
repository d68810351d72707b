using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Hakiri.DuckDb;

namespace Hakiri.Search.Vectors;

/// <summary>
/// vectors.parquet: (row BIGINT, text_sha256 VARCHAR, vector FLOAT[]) sorted by row, with the model, metric,
/// dimensions, format version and fingerprint as Parquet key-value metadata. Streamed to DuckDB through Arrow. Parquet
/// has no fixed-size list, so readers see FLOAT[] (a LIST): cast with vector::FLOAT[d] for DuckDB's array_* functions.
/// </summary>
internal static class VectorParquet
{
    public const string Name = "vectors.parquet";
    private const int BatchRows = 8192;

    public static void Write(string path, VectorData data, DuckDbConnection scratch)
    {
        var view = "hakiri_vectors_" + Guid.NewGuid().ToString("N");
        using (scratch.RegisterArrowStream(view, new BatchStream(data)))
        {
            var metadata = string.Join(", ", new[]
            {
                ("format_version", VectorDataFile.FormatVersion.ToString(CultureInfo.InvariantCulture)),
                ("model", data.Model),
                ("metric", data.Metric.ToString()),
                ("dimensions", data.Dimensions.ToString(CultureInfo.InvariantCulture)),
                ("fingerprint", data.Fingerprint),
            }.Select(pair => $"{pair.Item1}: {Literal(pair.Item2)}"));
            scratch.Execute(
                $"COPY (SELECT \"row\", text_sha256, vector::FLOAT[{data.Dimensions}] AS vector FROM {view}) " +
                $"TO {Literal(path)} (FORMAT parquet, KV_METADATA {{{metadata}}})");
        }
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private sealed class BatchStream(VectorData data) : IArrowArrayStream
    {
        private readonly FixedSizeListType _vectorType = new(new Field("item", FloatType.Default, nullable: false), data.Dimensions);
        private Schema? _schema;
        private int _next;

        public Schema Schema => _schema ??= new Schema.Builder()
            .Field(new Field("row", Int64Type.Default, nullable: false))
            .Field(new Field("text_sha256", StringType.Default, nullable: true))
            .Field(new Field("vector", _vectorType, nullable: false))
            .Build();

        public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
        {
            if (_next >= data.Count)
            {
                return ValueTask.FromResult<RecordBatch?>(null);
            }

            var start = _next;
            var length = Math.Min(BatchRows, data.Count - start);
            _next += length;
            var rows = new Int64Array.Builder().AppendRange(data.Rows.AsSpan(start, length).ToArray()).Build();
            var hashes = new StringArray.Builder();
            foreach (var hash in data.TextSha256.AsSpan(start, length))
            {
                if (hash is null)
                {
                    hashes.AppendNull();
                }
                else
                {
                    hashes.Append(hash);
                }
            }

            var values = new FloatArray.Builder()
                .AppendRange(data.Values.AsSpan(start * data.Dimensions, length * data.Dimensions).ToArray())
                .Build();
            var vectors = new FixedSizeListArray(_vectorType, length, values, ArrowBuffer.Empty, nullCount: 0);
            return ValueTask.FromResult<RecordBatch?>(new RecordBatch(Schema, [rows, hashes.Build(), vectors], length));
        }

        public void Dispose()
        {
        }
    }
}
