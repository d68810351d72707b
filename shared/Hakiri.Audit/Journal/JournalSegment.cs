using System.Text;
using System.Text.Json;
using Hakiri.Store;
using Microsoft.Win32.SafeHandles;

namespace Hakiri.Audit.Journal;

/// <summary>
/// An append-only NDJSON segment that one <see cref="AuditTrail"/> writes. The open file holds a shared lock, so a
/// folder (which needs the exclusive lock) never folds a segment that a live writer is still appending to. Appends are
/// serialised by the caller; <see cref="Flush"/> may run beside an append (positioned writes, no shared cursor).
/// </summary>
internal sealed class JournalSegment : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long _length;

    private JournalSegment(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
    }

    public string Path { get; }

    public int Count { get; private set; }

    public static JournalSegment Create(StoreLayout layout)
    {
        Directory.CreateDirectory(AuditPaths.JournalDirectory(layout));
        var path = AuditPaths.NewSegment(layout);
        return new JournalSegment(path, File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
    }

    /// <summary>Writes the entry as one line; it is durable only after a later <see cref="Flush"/>.</summary>
    public void Write(JournalEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, AuditJsonContext.Default.JournalEntry);
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        RandomAccess.Write(_handle, buffer, _length);
        _length += buffer.Length;
        Count++;
    }

    /// <summary>Flushes every line written so far to disk.</summary>
    public void Flush() => RandomAccess.FlushToDisk(_handle);

    /// <summary>Writes the entry as one line and flushes it to disk before returning.</summary>
    public void Append(JournalEntry entry)
    {
        Write(entry);
        Flush();
    }

    public void Dispose() => _handle.Dispose();

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
