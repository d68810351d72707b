namespace Hakiri.DuckDb;

/// <summary>
/// Keeps opened databases for reuse, so a process that runs many short steps one after another pays DuckDB's start-up
/// (its catalog of built-in functions, 10–20 ms) once rather than per step. <see cref="Rent"/> hands out an idle database
/// or opens a new one, so concurrent renters never share one and each keeps the whole of its settings (memory limit,
/// threads); disposing the rented handle gives the database back. Renters must leave nothing behind but what closes
/// with their connections (temporary views and tables do), and must reset any instance-wide setting they change.
/// </summary>
public sealed class DuckDbDatabasePool : IDisposable
{
    private readonly Func<DuckDbDatabase> _open;
    private readonly Stack<DuckDbDatabase> _idle = new();
    private readonly List<DuckDbDatabase> _opened = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Creates a pool that opens databases with <paramref name="open"/>.</summary>
    public DuckDbDatabasePool(Func<DuckDbDatabase> open) => _open = open;

    /// <summary>A database for one renter; dispose it to give it back.</summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public DuckDbDatabase Rent()
    {
        while (TakeIdle() is { } idle)
        {
            if (Usable(idle))
            {
                return idle.LendFrom(this);
            }

            Forget(idle);
        }

        var opened = _open();
        lock (_lock)
        {
            if (_disposed)
            {
                opened.Dispose();
                throw new ObjectDisposedException(nameof(DuckDbDatabasePool));
            }

            _opened.Add(opened);
        }

        return opened.LendFrom(this);
    }

    private DuckDbDatabase? TakeIdle()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _idle.TryPop(out var idle) ? idle : null;
        }
    }

    // A fatal error (DuckDB invalidates the database after some) must not reach the next renter.
    private static bool Usable(DuckDbDatabase database)
    {
        try
        {
            using var connection = database.Connect();
            connection.Execute("SELECT 1");
            return true;
        }
        catch (DuckDbException)
        {
            return false;
        }
    }

    private void Forget(DuckDbDatabase database)
    {
        lock (_lock)
        {
            _opened.Remove(database);
        }

        database.Dispose();
    }

    internal void Return(DuckDbDatabase lent)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _idle.Push(lent.Owner!);
        }
    }

    /// <summary>Closes every database the pool opened; handles still rented stop working.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var database in _opened)
            {
                database.Dispose();
            }

            _opened.Clear();
            _idle.Clear();
        }
    }
}
