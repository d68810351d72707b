using Apache.Arrow.Ipc;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

public sealed partial class DuckDbConnection
{
    private readonly List<DuckDbArrowView> _arrowViews = [];
    private Exception? _arrowFailure;

    /// <summary>
    /// Makes <paramref name="stream"/> readable from SQL as the view <paramref name="name"/> on this connection, through
    /// the Arrow C data interface (no copy into a table). The stream is read once: the first query that scans the view
    /// consumes it, later scans see no rows. The view is temporary (only this connection sees it) and replaces a view of
    /// the same name. Dispose the returned view to drop it and release the stream; disposing the connection does both.
    /// </summary>
    /// <param name="name">The view's name, used as is (an identifier, not SQL).</param>
    /// <param name="stream">The batches; the view takes ownership and disposes it.</param>
    /// <returns>The registration; while it is alive the stream stays exported to DuckDB.</returns>
    /// <remarks>
    /// If the stream throws while a query scans it, that query fails with a <see cref="DuckDbException"/> whose message
    /// includes the stream's message and whose <see cref="Exception.InnerException"/> is the stream's exception.
    /// </remarks>
    /// <exception cref="DuckDbException">DuckDB refused the stream, for example a schema with a type it cannot read.</exception>
    public DuckDbArrowView RegisterArrowStream(string name, IArrowArrayStream stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(stream);
        var view = DuckDbArrowView.Create(this, CheckOpen(), name, stream);
        _arrowViews.Add(view);
        return view;
    }

    /// <summary>Called from DuckDB's scan threads when a registered stream throws.</summary>
    internal void RecordArrowFailure(Exception failure) => Volatile.Write(ref _arrowFailure, failure);

    /// <summary>Forgets a disposed view.</summary>
    internal void RemoveArrowView(DuckDbArrowView view) => _arrowViews.Remove(view);

    /// <summary>
    /// The exception for a failed result. A failure a registered Arrow stream recorded becomes its inner exception when
    /// DuckDB's message carries the stream's message (DuckDB only passes the text through the C interface).
    /// </summary>
    internal DuckDbException Failure(ResultHandle result, string fallback)
    {
        var cause = Interlocked.Exchange(ref _arrowFailure, null);
        var message = result.ErrorMessage;
        var related = cause is not null && message is not null && message.Contains(cause.Message, StringComparison.Ordinal);
        return result.ToException(fallback, related ? cause : null);
    }

    private void DisposeArrowViews()
    {
        for (var i = _arrowViews.Count - 1; i >= 0; i--)
        {
            _arrowViews[i].Dispose();
        }
    }
}
