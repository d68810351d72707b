using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hakiri.Steps.Sources;

/// <summary>
/// Counts the records a read buffer of a text file ends, in one vectorised pass, when every line break in it ends a
/// record (<see cref="TextRanges"/>): no line break is followed by a blank line's start (another line break, a carriage
/// return, and for NDJSON a space or tab), and for CSV the buffer holds no quote. Anything else needs reading line by
/// line. One pass instead of a search per pattern and a count: the split reads the file's first range at about twice
/// the speed (1.75 GB in 1.8 s before), and the first range waits for that count.
/// </summary>
internal static class RecordEnds
{
    /// <summary>The line breaks in <paramref name="chunk"/>, or null when one of them may not end a record.</summary>
    public static long? Count(ReadOnlySpan<byte> chunk, bool csv)
    {
        ref var start = ref MemoryMarshal.GetReference(chunk);
        long count = 0;
        var at = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // `next` is the same bytes one further on, so a line break and what follows it sit in the same lane.
            for (; at + Vector256<byte>.Count < chunk.Length; at += Vector256<byte>.Count)
            {
                var here = Vector256.LoadUnsafe(ref start, (nuint)at);
                var next = Vector256.LoadUnsafe(ref start, (nuint)at + 1);
                var breaks = Vector256.Equals(here, Vector256.Create((byte)'\n'));
                var blank = Vector256.Equals(next, Vector256.Create((byte)'\n')) | Vector256.Equals(next, Vector256.Create((byte)'\r'));
                if (!csv)
                {
                    blank |= Vector256.Equals(next, Vector256.Create((byte)' ')) | Vector256.Equals(next, Vector256.Create((byte)'\t'));
                }

                var odd = breaks & blank;
                if (csv)
                {
                    odd |= Vector256.Equals(here, Vector256.Create((byte)'"'));
                }

                if (odd != Vector256<byte>.Zero)
                {
                    return null;
                }

                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; at + Vector128<byte>.Count < chunk.Length; at += Vector128<byte>.Count)
            {
                var here = Vector128.LoadUnsafe(ref start, (nuint)at);
                var next = Vector128.LoadUnsafe(ref start, (nuint)at + 1);
                var breaks = Vector128.Equals(here, Vector128.Create((byte)'\n'));
                var blank = Vector128.Equals(next, Vector128.Create((byte)'\n')) | Vector128.Equals(next, Vector128.Create((byte)'\r'));
                if (!csv)
                {
                    blank |= Vector128.Equals(next, Vector128.Create((byte)' ')) | Vector128.Equals(next, Vector128.Create((byte)'\t'));
                }

                var odd = breaks & blank;
                if (csv)
                {
                    odd |= Vector128.Equals(here, Vector128.Create((byte)'"'));
                }

                if (odd != Vector128<byte>.Zero)
                {
                    return null;
                }

                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }

        for (; at < chunk.Length; at++)
        {
            if (csv && chunk[at] == (byte)'"')
            {
                return null;
            }

            if (chunk[at] == (byte)'\n')
            {
                count++;
                if (at + 1 < chunk.Length && BlankStart(chunk[at + 1], csv))
                {
                    return null;
                }
            }
        }

        return count;
    }

    private static bool BlankStart(byte value, bool csv) =>
        value is (byte)'\n' or (byte)'\r' || (!csv && value is (byte)' ' or (byte)'\t');
}
