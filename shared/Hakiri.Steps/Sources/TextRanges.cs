namespace Hakiri.Steps.Sources;

/// <summary>
/// One byte range of a text source file, converted on its own: where its bytes are (<see cref="ReadPath"/>, the source
/// itself for the first range, a copy for the others), how many records come before it in the file and how many it holds.
/// </summary>
internal sealed record TextRange(int Index, string ReadPath, long RecordsBefore, long Records);

/// <summary>
/// Splits a large NDJSON or CSV file at record boundaries into ranges that convert at the same time (ADR 0030), in one
/// sequential pass that finds the boundaries, counts each range's records and copies every range after the first to a
/// file of its own (DuckDB cannot read a byte range; the first range is read from the source and stops after its count).
/// <list type="bullet">
/// <item>NDJSON: a record is a line holding anything but JSON whitespace.</item>
/// <item>CSV (RFC 4180, <c>"</c> quotes, doubled to escape): a record ends at a line break outside quotes, where the
/// count of quotes so far is even; the first record is the header, which is not counted and heads every copy; an empty
/// line is no record.</item>
/// </list>
/// Whether DuckDB sees the same records is checked after the conversion: each range must hold its count of rows.
/// </summary>
internal static class TextRanges
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// The ranges of <paramref name="path"/>, at most <paramref name="count"/> and at most one per
    /// <paramref name="minBytes"/> of the file (sized by <see cref="Boundaries"/>), the copies written as <paramref name="copyPath"/>(range); null when the file is too
    /// small to split or has no record boundary where a split would go (no copy is left behind then).
    /// <paramref name="ready"/> is called with each range as soon as the pass is past it (and its copy closed), so its
    /// conversion can start while the pass copies the next: the first range after about its share of the file, before
    /// any byte is copied. It is called only when there will be two ranges or more.
    /// </summary>
    public static IReadOnlyList<TextRange>? Split(string path, bool csv, int count, long minBytes, Func<int, string> copyPath, Action<TextRange>? ready = null)
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

        using var splitter = new Splitter(path, csv, size, Boundaries(size, ranges), copyPath, ready);
        splitter.Run(source);
        return splitter.Ranges.Count < 2 ? null : splitter.Ranges;
    }

    /// <summary>
    /// Where the ranges after the first should start (each moves on to the next record boundary): every range is meant
    /// to end converting at about the same time. Range <c>k</c> starts only once the ranges before it are copied, so the
    /// first range, read from the source, is the largest and each later one smaller, assuming a copy runs
    /// <see cref="CopySpeedup"/> times faster than a conversion on one thread. On 2 cores the first range takes 54 % of
    /// the file; at an even split it ended 5 s before the second (10 M nested records, 3.5 GB).
    /// </summary>
    internal static long[] Boundaries(long size, int ranges)
    {
        // In units of the time one range converts: range 0 converts from the start, range k after the copies of 1..k.
        var shares = new double[ranges];
        shares[0] = 1;
        var copied = 0.0;
        for (var k = 1; k < ranges; k++)
        {
            shares[k] = (1 - copied / CopySpeedup) / (1 + 1 / CopySpeedup);
            copied += shares[k];
        }

        var total = shares.Sum();
        var boundaries = new long[ranges - 1];
        var before = 0.0;
        for (var k = 1; k < ranges; k++)
        {
            before += shares[k - 1];
            boundaries[k - 1] = (long)(size * (before / total));
        }

        return boundaries;
    }

    /// <summary>How much faster the split copies a range than a range converts on one thread (measured: nested NDJSON
    /// copied at 0.4 GB/s, converted at 0.07 GB/s per range on 2 cores; flat records convert faster).</summary>
    private const double CopySpeedup = 6;

    private sealed class Splitter(string path, bool csv, long size, long[] targets, Func<int, string> copyPath, Action<TextRange>? ready) : IDisposable
    {
        private readonly List<byte> _header = [];
        private FileStream? _copy;
        private long _before;
        private long _records;
        private bool _content;
        private bool _quoted;
        private bool _headerDone = !csv;

        public List<TextRange> Ranges { get; } = [];

        public void Run(FileStream source)
        {
            var buffer = new byte[BufferSize];
            long offset = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (Plain(chunk, offset) && RecordEnds.Count(chunk, csv) is { } ends)
                {
                    _records += ends;
                    _content = chunk[^1] != (byte)'\n';
                    _copy?.Write(chunk);
                    offset += read;
                    continue;
                }

                var written = 0;
                var at = 0;
                while (at < read)
                {
                    var newline = chunk[at..].IndexOf((byte)'\n');
                    var line = newline < 0 ? chunk[at..] : chunk.Slice(at, newline);
                    Scan(line);
                    if (newline < 0)
                    {
                        break;
                    }

                    at += newline + 1;
                    if (!_headerDone)
                    {
                        _header.Add((byte)'\n');
                    }

                    if (_quoted)
                    {
                        // A line break inside a quoted CSV field: the record goes on.
                        _content = true;
                        continue;
                    }

                    EndRecord();
                    if (Ranges.Count < targets.Length && offset + at >= targets[Ranges.Count] && offset + at < size)
                    {
                        _copy?.Write(chunk[written..at]);
                        written = at;
                        NextRange();
                    }
                }

                _copy?.Write(chunk[written..]);
                offset += read;
            }

            if (_content && !_quoted)
            {
                _records++;
            }

            if (Ranges.Count > 0)
            {
                Complete();
            }
        }

        public void Dispose() => _copy?.Dispose();

        // Whether the chunk may be counted by its line breaks alone (RecordEnds checks the lines within it): no range
        // boundary falls in it, the header is behind, no quoted CSV field is open across lines, and the line the chunk
        // begins in is not blank (the chunk does not start with whitespace or a line break while that line holds
        // nothing yet). Most chunks of a large file are plain.
        private bool Plain(ReadOnlySpan<byte> chunk, long offset)
        {
            if (!_headerDone || _quoted || (Ranges.Count < targets.Length && offset + chunk.Length >= targets[Ranges.Count]))
            {
                return false;
            }

            return csv
                ? chunk[0] is not ((byte)'\n' or (byte)'\r')
                : chunk[0] is not ((byte)'\n' or (byte)' ' or (byte)'\t' or (byte)'\r');
        }

        private void Scan(ReadOnlySpan<byte> line)
        {
            if (!_headerDone)
            {
                _header.AddRange(line);
            }

            if (csv)
            {
                _quoted ^= (line.Count((byte)'"') & 1) == 1;
                _content = _content || line.IndexOfAnyExcept((byte)'\r') >= 0;
            }
            else
            {
                _content = _content || line.IndexOfAnyExcept(" \t\r"u8) >= 0;
            }
        }

        private void EndRecord()
        {
            if (!_headerDone)
            {
                _headerDone = true;
            }
            else if (_content)
            {
                _records++;
            }

            _content = false;
        }

        // The range the pass is in ends here: its copy is closed before anyone reads it.
        private void Complete()
        {
            _copy?.Dispose();
            _copy = null;
            var range = new TextRange(Ranges.Count, Ranges.Count == 0 ? path : copyPath(Ranges.Count), _before, _records);
            Ranges.Add(range);
            ready?.Invoke(range);
        }

        private void NextRange()
        {
            Complete();
            _before += _records;
            _records = 0;
            // A new file, never truncated (the pull deleted earlier copies first): on ext4 a file truncated and written
            // is flushed to disk when closed (auto_da_alloc), which took 1.2 s for a 1.75 GB copy and slowed its unlink.
            _copy = new FileStream(copyPath(Ranges.Count), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            if (csv)
            {
                _copy.Write(_header.ToArray());
            }
        }
    }
}
