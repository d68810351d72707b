using System.Globalization;
using Hakiri.DuckDb;

namespace Hakiri.Steps.Writing;

/// <summary>
/// Gives the write step's DuckDB <see cref="StepOptions.WriteThreads"/> threads, and the steps' own count back when
/// disposed: the setting is the database's, and a database is reused by the next step (<see cref="StepContext.ReuseDuckDb"/>).
/// </summary>
internal sealed class WriteThreads : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly int _restore;

    private WriteThreads(DuckDbConnection connection, int restore)
    {
        _connection = connection;
        _restore = restore;
    }

    public static WriteThreads Enter(DuckDbConnection connection, StepOptions options)
    {
        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {options.WriteThreads}"));
        return new WriteThreads(connection, options.DuckDbThreads);
    }

    public void Dispose()
    {
        // Best effort: it must not hide the error that ended the write.
        try
        {
            _connection.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {_restore}"));
        }
        catch (DuckDbException)
        {
        }
    }
}
