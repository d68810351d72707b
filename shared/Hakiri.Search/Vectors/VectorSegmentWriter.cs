using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.Vectors.Graph;

namespace Hakiri.Search.Vectors;

/// <summary>Builds the vector sidecar of one data file (OWNED BY THE VECTOR HELPER: signature is the contract).</summary>
public static class VectorSegmentWriter
{
    /// <summary>
    /// Writes <paramref name="rows"/> into <paramref name="directory"/> (created if missing; replaced): the vectors as
    /// Parquet readable by DuckDB (row, text_sha256, vector FLOAT[dimensions]) and, for segments large enough to
    /// need one, the ANN graph. <paramref name="model"/> (the embedding model's identifier, or the source column for
    /// stored embeddings) and <paramref name="metric"/> are recorded with the vectors.
    /// </summary>
    /// <exception cref="ArgumentException">A vector has the wrong number of values or a NaN or infinity, a row appears twice, or a text hash is not 64 hex digits.</exception>
    public static VectorSegmentStats Write(string directory, IReadOnlyList<VectorRow> rows, int dimensions, VectorMetric metric, string model, DuckDbConnection scratch) =>
        WriteWith(directory, rows, dimensions, metric, model, scratch, VectorGraphOptions.Default);

    internal static VectorSegmentStats WriteWith(
        string directory, IReadOnlyList<VectorRow> rows, int dimensions, VectorMetric metric, string model, DuckDbConnection scratch, VectorGraphOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scratch);
        var data = Collect(rows, dimensions, metric, model);
        Directory.CreateDirectory(directory);
        VectorSegmentFiles.Clear(directory);
        var files = new List<string> { Path.Combine(directory, VectorParquet.Name), Path.Combine(directory, VectorDataFile.Name) };
        VectorParquet.Write(files[0], data, scratch);
        VectorDataFile.Write(files[1], data);
        var graph = data.Count >= VectorGraphOptions.MinimumVectors && UsearchNative.Available;
        if (graph)
        {
            files.Add(VectorSegmentFiles.GraphPath(directory, data.Fingerprint));
            using var built = UsearchGraph.Build(data.Values, data.Count, dimensions, metric, options);
            built.Save(files[^1]);
        }

        return new VectorSegmentStats(data.Count, graph, files.Sum(file => new FileInfo(file).Length));
    }

    private static VectorData Collect(IReadOnlyList<VectorRow> rows, int dimensions, VectorMetric metric, string model)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var rowNumbers = new long[rows.Count];
        for (var i = 0; i < rowNumbers.Length; i++)
        {
            rowNumbers[i] = rows[i].Row;
        }

        Array.Sort(rowNumbers, order);
        var values = new float[checked(rows.Count * dimensions)];
        var hashes = new string?[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var row = rows[order[i]];
            if (i > 0 && rowNumbers[i] == rowNumbers[i - 1])
            {
                throw new ArgumentException(Text($"Row {row.Row} has two vectors; give each row of the data file one vector."));
            }

            ArgumentNullException.ThrowIfNull(row.Vector, nameof(rows));
            VectorValidation.Check(row.Vector, dimensions, Text($"The vector of row {row.Row}"));
            var target = values.AsSpan(i * dimensions, dimensions);
            row.Vector.CopyTo(target);
            if (metric == VectorMetric.Cosine)
            {
                VectorMath.Normalize(target);
            }

            hashes[i] = CheckHash(row);
        }

        return new VectorData(dimensions, metric, model, rowNumbers, hashes, values);
    }

    private static string? CheckHash(VectorRow row)
    {
        if (row.TextSha256 is null)
        {
            return null;
        }

        if (row.TextSha256.Length != 64 || !row.TextSha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException(Text($"The text hash of row {row.Row} is not a SHA-256 in hex; pass the 64 hex digits of the text's hash, or null."));
        }

        return row.TextSha256.ToLowerInvariant();
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
