using Hakiri.Emulator.Errors;

namespace Hakiri.Emulator.History;

/// <summary>Where a line of execution (the machine, a branch, a Map iteration) last wrote, for PreviousEventId.</summary>
internal sealed class EventCursor(long lastEventId)
{
    public long LastEventId { get; set; } = lastEventId;

    /// <summary>A cursor for a branch that starts from here.</summary>
    public EventCursor Fork() => new(LastEventId);
}

/// <summary>Collects one execution's events from every branch, in the order they happen.</summary>
internal sealed class HistoryRecorder(TimeProvider time, int maxEvents)
{
    private readonly List<HistoryEvent> _events = [];
    private readonly Lock _lock = new();

    /// <summary>The id of the newest event, from any branch.</summary>
    public long LastEventId
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (_lock)
        {
            return [.. _events];
        }
    }

    /// <summary>
    /// Stamps and appends an event. Past the history limit, state events fail the execution (as Step Functions does
    /// at 25,000 events) so a loop that never ends stops; the closing execution event is always written.
    /// </summary>
    public HistoryEvent Add(EventCursor cursor, HistoryEvent details, bool closing = false)
    {
        HistoryEvent stamped;
        lock (_lock)
        {
            if (!closing && _events.Count >= maxEvents)
            {
                throw StateFailure.Runtime($"The execution reached the limit of {maxEvents} history events.");
            }

            stamped = details with { Id = _events.Count + 1, PreviousEventId = cursor.LastEventId, Timestamp = time.GetUtcNow() };
            _events.Add(stamped);
        }

        cursor.LastEventId = stamped.Id;
        return stamped;
    }
}
