using System.Text;
using System.Text.Json;
using Hakiri.Store;

namespace Hakiri.Audit.Journal;

/// <summary>
/// An append-only NDJSON segment that one <see cref="AuditTrail"/> writes. The open file holds a shared lock, so a
/// folder (which needs the exclusive lock) never folds a segment that a live writer is still appending to.
/// </summary>
internal sealed class JournalSegment : IDisposable
{
    private readonly FileStream _stream;

    private JournalSegment(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public int Count { get; private set; }

    public static JournalSegment Create(StoreLayout layout)
    {
        Directory.CreateDirectory(AuditPaths.JournalDirectory(layout));
        var path = AuditPaths.NewSegment(layout);
        return new JournalSegment(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0));
    }

    /// <summary>Writes the entry as one line and flushes it to disk before returning.</summary>
    public void Append(JournalEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, AuditJsonContext.Default.JournalEntry);
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        _stream.Write(buffer);
        _stream.Flush(flushToDisk: true);
        Count++;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// The complete lines of a segment and their entries. A line counts only when it ends in a newline and parses: a
    /// write torn by a crash leaves a partial last line, which is skipped (its read was never answered).
    /// </summary>
    public static IReadOnlyList<(string Line, JournalEntry Entry)> ReadLines(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        var lines = new List<(string, JournalEntry)>();
        while (bytes.IndexOf((byte)'\n') is var end and >= 0)
        {
            var line = bytes[..end];
            bytes = bytes[(end + 1)..];
            if (TryParse(line) is { } entry)
            {
                lines.Add((Encoding.UTF8.GetString(line), entry));
            }
        }

        return lines;
    }

    private static JournalEntry? TryParse(ReadOnlySpan<byte> line)
    {
        try
        {
            return line.IsEmpty ? null : JsonSerializer.Deserialize(line, AuditJsonContext.Default.JournalEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
