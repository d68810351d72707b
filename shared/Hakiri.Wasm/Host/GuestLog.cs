using System.Globalization;
using System.Text;

namespace Hakiri.Wasm.Host;

/// <summary>
/// A guest's log lines on their way to the run's log: made single-line and printable, cut to a maximum length, and
/// capped in volume by a token bucket on bytes (refilled from the run's clock, one second of burst). Lines over the cap
/// are dropped and counted.
/// </summary>
internal sealed class GuestLog
{
    private readonly string _connector;
    private readonly Action<string>? _sink;
    private readonly TimeProvider _clock;
    private readonly long _bytesPerSecond;
    private readonly int _maxLineBytes;
    private readonly double _capacity;
    private readonly Lock _gate = new();
    private double _tokens;
    private DateTimeOffset _refilledAt;
    private long _droppedLines;
    private long _droppedBytes;
    private bool _reported;

    public GuestLog(string connector, Action<string>? sink, TimeProvider clock, long bytesPerSecond, int maxLineBytes)
    {
        _connector = connector;
        _sink = sink;
        _clock = clock;
        _bytesPerSecond = bytesPerSecond;
        _maxLineBytes = maxLineBytes;
        // A line longer than a second's budget must still fit in the bucket, or it could never be written.
        _capacity = Math.Max(bytesPerSecond, maxLineBytes);
        _tokens = _capacity;
        _refilledAt = clock.GetUtcNow();
    }

    public long DroppedLines => Interlocked.Read(ref _droppedLines);

    public long DroppedBytes => Interlocked.Read(ref _droppedBytes);

    public void Write(GuestLogLevel level, string message)
    {
        // Charged before the line is cleaned up, so a flood costs a count, not a copy.
        var size = Math.Min(Encoding.UTF8.GetByteCount(message), _maxLineBytes);
        lock (_gate)
        {
            Refill();
            if (_tokens < size)
            {
                _droppedLines++;
                _droppedBytes += size;
                return;
            }

            _tokens -= size;
        }

        _sink?.Invoke($"connector '{_connector}' {Name(level)}: {LogLine.Clean(message, _maxLineBytes)}");
    }

    /// <summary>Logs, once, how much was dropped; nothing when nothing was.</summary>
    public void ReportDropped()
    {
        long lines, bytes;
        lock (_gate)
        {
            if (_reported || _droppedLines == 0)
            {
                return;
            }

            _reported = true;
            (lines, bytes) = (_droppedLines, _droppedBytes);
        }

        var count = lines == 1 ? "1 log line" : $"{lines.ToString(CultureInfo.InvariantCulture)} log lines";
        _sink?.Invoke(
            $"connector '{_connector}': {count} ({bytes.ToString(CultureInfo.InvariantCulture)} bytes) dropped over the {Rate(_bytesPerSecond)} limit");
    }

    private void Refill()
    {
        var now = _clock.GetUtcNow();
        var elapsed = now - _refilledAt;
        if (elapsed <= TimeSpan.Zero)
        {
            // A clock that stood still or stepped back refills nothing (and does not wait for the lost time to return).
            _refilledAt = now;
            return;
        }

        _tokens = Math.Min(_capacity, _tokens + (elapsed.TotalSeconds * _bytesPerSecond));
        _refilledAt = now;
    }

    private static string Name(GuestLogLevel level) => level switch
    {
        GuestLogLevel.Debug => "debug",
        GuestLogLevel.Info => "info",
        GuestLogLevel.Warn => "warn",
        GuestLogLevel.Error => "error",
        _ => "level " + ((int)level).ToString(CultureInfo.InvariantCulture),
    };

    private static string Rate(long bytesPerSecond) => bytesPerSecond switch
    {
        >= 1 << 20 when bytesPerSecond % (1 << 20) == 0 => $"{(bytesPerSecond >> 20).ToString(CultureInfo.InvariantCulture)} MiB/s",
        >= 1 << 10 when bytesPerSecond % (1 << 10) == 0 => $"{(bytesPerSecond >> 10).ToString(CultureInfo.InvariantCulture)} KiB/s",
        _ => $"{bytesPerSecond.ToString(CultureInfo.InvariantCulture)} bytes/s",
    };
}
