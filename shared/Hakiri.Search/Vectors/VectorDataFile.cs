using System.Runtime.InteropServices;
using System.Text;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.Vectors;

/// <summary>
/// vectors.bin: the segment's vectors as our reader loads them (one read, no parsing). Little-endian: magic
/// "HKVECTOR", format version, dimensions, metric, count, model, then rows (int64), text hashes (flag byte + 32
/// bytes each) and values (float32, row-major). vectors.parquet holds the same data for DuckDB and other readers.
/// </summary>
internal static class VectorDataFile
{
    public const string Name = "vectors.bin";
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "HKVECTOR"u8.ToArray();

    public static void Write(string path, VectorData data)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(data.Dimensions);
        writer.Write((int)data.Metric);
        writer.Write((long)data.Count);
        writer.Write(data.Model);
        writer.Write(MemoryMarshal.AsBytes(data.Rows.AsSpan()));
        Span<byte> hash = stackalloc byte[33];
        foreach (var text in data.TextSha256)
        {
            hash.Clear();
            if (text is not null)
            {
                hash[0] = 1;
                Convert.FromHexString(text, hash[1..], out _, out _);
            }

            writer.Write(hash);
        }

        writer.Write(MemoryMarshal.AsBytes(data.Values.AsSpan()));
    }

    public static VectorData Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{path} is not a vector file of format {FormatVersion}; rebuild the vector index.");
        }

        var dimensions = reader.ReadInt32();
        var metric = (VectorMetric)reader.ReadInt32();
        var count = checked((int)reader.ReadInt64());
        var model = reader.ReadString();
        var rows = new long[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(rows.AsSpan()));
        var hashes = new string?[count];
        Span<byte> hash = stackalloc byte[33];
        for (var i = 0; i < count; i++)
        {
            stream.ReadExactly(hash);
            hashes[i] = hash[0] == 0 ? null : Convert.ToHexStringLower(hash[1..]);
        }

        var values = new float[checked(count * dimensions)];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return new VectorData(dimensions, metric, model, rows, hashes, values);
    }
}
