namespace Hakiri.Steps.Sources;

/// <summary>
/// One byte range of an NDJSON file, converted on its own: where its bytes are (<see cref="ReadPath"/>, the source
/// itself for the first range, a copy for the others), how many records come before it in the file and how many it holds.
/// </summary>
internal sealed record NdjsonRange(int Index, string ReadPath, long RecordsBefore, long Records);

/// <summary>
/// Splits a large NDJSON file at line boundaries into ranges that convert at the same time (ADR 0027). A record is a
/// line that holds anything but JSON whitespace, so each range's first record number is the count of such lines before
/// it. DuckDB cannot read a byte range, so every range after the first is copied to a file of its own while it is
/// counted; the first range is read from the source and stops after its count (a LIMIT).
/// </summary>
internal static class NdjsonRanges
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// The ranges of <paramref name="path"/>, at most <paramref name="count"/> and none smaller than
    /// <paramref name="minBytes"/>, the copies written as <paramref name="copyPath"/>(range); null when the file is too
    /// small to split or has no line break where a split would go.
    /// </summary>
    public static IReadOnlyList<NdjsonRange>? Split(string path, int count, long minBytes, Func<int, string> copyPath)
    {
        if (count < 2)
        {
            return null;
        }

        // The opened file's length: a path may be a symbolic link, whose own length is that of the name it holds.
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var size = source.Length;
        var ranges = (int)Math.Min(count, size / Math.Max(1, minBytes));
        if (ranges < 2)
        {
            return null;
        }

        var starts = Starts(source, size, ranges);
        if (starts.Count < 2)
        {
            return null;
        }

        var result = new NdjsonRange[starts.Count];
        var buffer = new byte[BufferSize];
        long before = 0;
        source.Position = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : size;
            var readPath = i == 0 ? path : copyPath(i);
            using var copy = i == 0 ? null : new FileStream(readPath, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            var records = CountRecords(source, end - starts[i], buffer, copy);
            result[i] = new NdjsonRange(i, readPath, before, records);
            before += records;
        }

        return result;
    }

    // Where each range begins: the first at 0, every other just after the first line break at or past its share.
    private static List<long> Starts(FileStream source, long size, int ranges)
    {
        List<long> starts = [0];
        var probe = new byte[64 * 1024];
        for (var k = 1; k < ranges; k++)
        {
            var position = Math.Max(size * k / ranges, starts[^1]);
            long? found = null;
            while (found is null && position < size)
            {
                source.Position = position;
                var read = source.Read(probe);
                if (read == 0)
                {
                    break;
                }

                var newline = probe.AsSpan(0, read).IndexOf((byte)'\n');
                found = newline >= 0 ? position + newline + 1 : null;
                position += read;
            }

            if (found is not { } start || start >= size)
            {
                break;
            }

            starts.Add(start);
        }

        return starts;
    }

    // Reads the next `length` bytes (copying them when asked) and counts the lines in them that hold a non-whitespace byte.
    private static long CountRecords(FileStream source, long length, byte[] buffer, FileStream? copy)
    {
        long records = 0;
        var content = false;
        while (length > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (read == 0)
            {
                break;
            }

            length -= read;
            copy?.Write(buffer, 0, read);
            var span = buffer.AsSpan(0, read);
            while (!span.IsEmpty)
            {
                var newline = span.IndexOf((byte)'\n');
                var line = newline < 0 ? span : span[..newline];
                content = content || line.IndexOfAnyExcept(JsonWhitespace) >= 0;
                if (newline < 0)
                {
                    break;
                }

                if (content)
                {
                    records++;
                }

                content = false;
                span = span[(newline + 1)..];
            }
        }

        return content ? records + 1 : records;
    }

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r"u8;
}
