using System.Runtime.InteropServices;
using System.Text;
using Hakiri.Model.Manifests;

namespace Hakiri.Search.FullText;

/// <summary>
/// The binary file searches read (<see cref="FtsFiles.Accelerator"/>): a header, document rows and lengths, the term
/// dictionary with each term's postings offsets, then the postings as var-ints. Derived data: the Parquet files are the
/// canonical copy and this file is rebuilt from them when missing or of another version.
/// </summary>
internal static class Accelerator
{
    private static readonly byte[] Magic = "HKFTSIX\n"u8.ToArray();

    public static void Write(string path, SegmentBuilder segment, TermPostings[] terms)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FtsFiles.FormatVersion);
            writer.Write((int)segment.Analyzer);
            writer.Write(segment.DocumentCount);
            writer.Write(segment.TotalLength);
            writer.Write(terms.Length);
            writer.Write(MemoryMarshal.AsBytes(segment.Rows));
            writer.Write(MemoryMarshal.AsBytes(segment.Lengths));
            long offset = 0;
            foreach (var term in terms)
            {
                writer.Write(term.Term);
                writer.Write(term.DocumentFrequency);
                writer.Write(offset);
                writer.Write(term.DocumentsLength);
                writer.Write(term.PositionsLength);
                offset += term.DocumentsLength + (long)term.PositionsLength;
            }

            foreach (var term in terms)
            {
                writer.Write(term.Documents, 0, term.DocumentsLength);
                writer.Write(term.Positions, 0, term.PositionsLength);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads everything but the postings; null when the file is not an accelerator of this version.</summary>
    public static SegmentDictionary? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (stream.Length < Magic.Length + 28 || !reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)
            || reader.ReadInt32() != FtsFiles.FormatVersion)
        {
            return null;
        }

        var analyzer = (TextAnalyzer)reader.ReadInt32();
        var documents = reader.ReadInt32();
        var totalLength = reader.ReadInt64();
        var termCount = reader.ReadInt32();
        var rows = new long[documents];
        var lengths = new int[documents];
        stream.ReadExactly(MemoryMarshal.AsBytes(rows.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(lengths.AsSpan()));
        var terms = new string[termCount];
        var entries = new TermEntry[termCount];
        for (var i = 0; i < termCount; i++)
        {
            terms[i] = reader.ReadString();
            entries[i] = new TermEntry(reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32());
        }

        return new SegmentDictionary(analyzer, rows, lengths, totalLength, terms, entries, stream.Position);
    }
}

/// <summary>Where a term's postings are in the accelerator (relative to the postings area) and how many documents hold it.</summary>
internal readonly record struct TermEntry(int DocumentFrequency, long Offset, int DocumentsLength, int PositionsLength);

/// <summary>The in-memory part of an opened segment.</summary>
internal sealed record SegmentDictionary(
    TextAnalyzer Analyzer, long[] Rows, int[] Lengths, long TotalLength, string[] Terms, TermEntry[] Entries, long PostingsStart);
