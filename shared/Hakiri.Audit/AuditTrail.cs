using System.Diagnostics;
using Hakiri.Access.Audit;
using Hakiri.Audit.Journal;
using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Audit;

/// <summary>
/// The store's audit trail: every read becomes a <c>hakiri.read</c> span (source <see cref="SourceName"/>) and a line
/// of the store's journal, flushed to disk before <see cref="Record"/> returns (concurrent records share one flush);
/// segments of the journal fold into Parquet partitions by day (<c>audit/day=YYYY-MM-DD/part-*.parquet</c>) when full, on open and on dispose.
/// Thread-safe.
/// </summary>
public sealed class AuditTrail : IAuditSink, IDisposable
{
    /// <summary>The <see cref="ActivitySource"/> name the read spans come from; add it to a tracer provider to export them.</summary>
    public const string SourceName = "Hakiri.Audit";

    private static readonly ActivitySource Source = new(SourceName);
    private readonly StoreLayout _layout;
    private readonly AuditOptions _options;
    private readonly JournalWriter _writer;

    private AuditTrail(StoreLayout layout, AuditOptions options)
    {
        _layout = layout;
        _options = options;
        _writer = new JournalWriter(layout, options.FoldThreshold);
    }

    /// <summary>
    /// Opens the trail of the store at <paramref name="layout"/>, first folding the segments a previous process left
    /// behind (a crash before its fold loses no line).
    /// </summary>
    /// <exception cref="IOException">The store's audit folder cannot be written.</exception>
    /// <exception cref="DuckDbException">A left-behind segment could not be folded into Parquet.</exception>
    public static AuditTrail Open(StoreLayout layout, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FoldThreshold, 1);
        JournalFolder.FoldIdle(layout);
        return new AuditTrail(layout, options);
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The record could not be written to the journal; the read must not be answered.</exception>
    public void Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = JournalEntry.From(record, _options.KeyMode);
        Emit(record, entry);
        JournalSegment? full;
        try
        {
            full = _writer.Append(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"The read could not be audited: writing to {AuditPaths.JournalDirectory(_layout)} failed ({e.Message}); free space or fix the permissions of the store's audit folder.", e);
        }

        if (full is not null)
        {
            full.Dispose();
            FoldQuietly(full.Path);
        }
    }

    /// <summary>Closes the current segment and folds it into Parquet.</summary>
    public void Dispose()
    {
        if (_writer.Close() is { } last)
        {
            last.Dispose();
            FoldQuietly(last.Path);
        }
    }

    // The segment's lines are already on disk: a failed fold loses nothing, and the next open or query folds it.
    private void FoldQuietly(string segment)
    {
        try
        {
            JournalFolder.TryFold(_layout, segment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DuckDbException)
        {
            Trace.TraceWarning($"The audit journal segment {segment} stays unfolded for now: {e.Message}");
        }
    }

    private static void Emit(AuditRecord record, JournalEntry entry)
    {
        using var activity = Source.StartActivity("hakiri.read", ActivityKind.Internal, default(ActivityContext), startTime: record.Time);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("hakiri.agent", entry.Agent);
        activity.SetTag("hakiri.host", entry.Host);
        activity.SetTag("hakiri.on_behalf_of", entry.OnBehalfOf);
        activity.SetTag("hakiri.task_id", entry.TaskId);
        activity.SetTag("hakiri.token_id", entry.TokenId);
        activity.SetTag("hakiri.zone", record.Zone);
        activity.SetTag("hakiri.tool", entry.Tool);
        activity.SetTag("hakiri.tables", entry.Tables.ToArray());
        activity.SetTag("hakiri.rows", entry.RowCount);
        activity.SetTag("hakiri.keys", entry.KeyTables.Zip(entry.Keys, (table, key) => table + ":" + key).ToArray());
        activity.SetTag("hakiri.keys_complete", entry.KeysComplete);
    }
}
