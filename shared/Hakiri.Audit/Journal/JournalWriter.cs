using Hakiri.Store;

namespace Hakiri.Audit.Journal;

/// <summary>
/// Appends journal lines with group commit: concurrent callers write their lines, then one of them (the leader)
/// flushes every line written so far while the others wait, so a burst of reads shares one fsync. Each
/// <see cref="Append"/> returns only once its own line is on disk; a failed flush throws to every caller of its batch.
/// </summary>
internal sealed class JournalWriter
{
    private readonly Lock _gate = new();
    private readonly Lock _flushGate = new();
    private readonly StoreLayout _layout;
    private readonly int _foldThreshold;
    private readonly Action<JournalSegment> _flush;
    private readonly List<JournalSegment> _retired = [];
    private readonly List<(long From, long To, Exception Error)> _failures = [];
    private JournalSegment? _segment;
    private long _written;
    private long _durable;
    private bool _closed;

    /// <param name="layout">The store.</param>
    /// <param name="foldThreshold">Lines per segment.</param>
    /// <param name="flush">Flushes a segment to disk; a seam for tests (a failing disk).</param>
    public JournalWriter(StoreLayout layout, int foldThreshold, Action<JournalSegment>? flush = null)
    {
        _layout = layout;
        _foldThreshold = foldThreshold;
        _flush = flush ?? (segment => segment.Flush());
    }

    /// <summary>Writes the line and waits until it is durable; returns the segment this line filled (the caller folds it), else null.</summary>
    /// <exception cref="IOException">The line could not be written or flushed.</exception>
    /// <exception cref="ObjectDisposedException">The writer was closed.</exception>
    public JournalSegment? Append(JournalEntry entry)
    {
        long sequence;
        JournalSegment? full = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _segment ??= JournalSegment.Create(_layout);
            _segment.Write(entry);
            sequence = ++_written;
            if (_segment.Count >= _foldThreshold)
            {
                full = _segment;
                _retired.Add(full);
                _segment = null;
            }
        }

        WaitDurable(sequence);
        return full;
    }

    /// <summary>Refuses further lines, flushes the written ones and returns the open segment (the caller folds it), else null.</summary>
    public JournalSegment? Close()
    {
        JournalSegment? last;
        long target;
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            _closed = true;
            last = _segment;
            _segment = null;
            if (last is not null)
            {
                _retired.Add(last);
            }

            target = _written;
        }

        try
        {
            WaitDurable(target);
        }
        catch (IOException)
        {
            // The callers of that batch were told; the lines that did reach the disk fold with the segment.
        }

        return last;
    }

    private void WaitDurable(long sequence)
    {
        lock (_flushGate)
        {
            if (sequence > _durable)
            {
                FlushAll();
            }

            foreach (var (from, to, error) in _failures)
            {
                if (sequence >= from && sequence <= to)
                {
                    throw new IOException(error.Message, error);
                }
            }
        }
    }

    // Runs under _flushGate: the leader flushes every segment holding lines written so far, outside _gate, so
    // the next batch keeps appending meanwhile.
    private void FlushAll()
    {
        long target;
        JournalSegment[] segments;
        lock (_gate)
        {
            target = _written;
            segments = _segment is null ? [.. _retired] : [.. _retired, _segment];
            _retired.Clear();
        }

        try
        {
            foreach (var segment in segments)
            {
                _flush(segment);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _failures.Add((_durable + 1, target, e));
        }

        _durable = target;
    }
}
