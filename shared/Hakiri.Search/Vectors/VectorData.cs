using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.Vectors;

/// <summary>
/// The vectors of one segment, sorted by row: row numbers, text hashes and all values in one contiguous array (row i
/// owns values [i*d, (i+1)*d)). The fingerprint (SHA-256 of dimensions, metric, rows and values) ties a graph file to
/// the data it was built from.
/// </summary>
internal sealed class VectorData(int dimensions, VectorMetric metric, string model, long[] rows, string?[] textSha256, float[] values)
{
    private string? _fingerprint;

    public int Dimensions { get; } = dimensions;

    public VectorMetric Metric { get; } = metric;

    public string Model { get; } = model;

    public long[] Rows { get; } = rows;

    public string?[] TextSha256 { get; } = textSha256;

    public float[] Values { get; } = values;

    public int Count => Rows.Length;

    /// <summary>Lower-case hex SHA-256 of the data (computed once).</summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    /// <summary>The values of vector <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Vector(int index) => Values.AsSpan(index * Dimensions, Dimensions);

    /// <summary>The index of <paramref name="row"/>, or a negative number when the segment has no vector for it.</summary>
    public int IndexOf(long row) => Array.BinarySearch(Rows, row);

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], (int)Metric);
        hash.AppendData(header);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Rows.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Values.AsSpan()));
        hash.AppendData(Encoding.UTF8.GetBytes(Model));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
