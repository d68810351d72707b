using Apache.Arrow.C;
using Apache.Arrow.Ipc;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// An Arrow stream registered as a view with <see cref="DuckDbConnection.RegisterArrowStream"/>. Disposing it drops the
/// view, then releases the exported stream (which disposes the managed stream). Use it from the connection's thread.
/// </summary>
/// <remarks>
/// DuckDB 1.5's <c>duckdb_arrow_scan</c> never releases the schemas it asks the stream for (a few hundred bytes per
/// registration and per query that binds the view); fine for one registration per batch, not for millions.
/// </remarks>
public sealed unsafe class DuckDbArrowView : IDisposable
{
    private readonly DuckDbConnection _connection;
    private CArrowArrayStream* _exported;
    private Exception? _streamError;
    private string _scan = "";

    private DuckDbArrowView(DuckDbConnection connection, string name)
    {
        _connection = connection;
        Name = name;
    }

    /// <summary>The view's name.</summary>
    public string Name { get; }

    /// <summary>The exception the stream threw during a scan, if any (the failed query also carries it).</summary>
    public Exception? StreamError => Volatile.Read(ref _streamError);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_exported is null)
        {
            return;
        }

        if (!_connection.Handle.IsClosed)
        {
            try
            {
                _connection.Execute($"DROP VIEW IF EXISTS temp.main.{Quote(Name)}; DROP VIEW IF EXISTS {_scan}");
            }
            catch (DuckDbException)
            {
                // The view may still be there (an aborted transaction refuses DDL): a scan of a released stream would
                // read freed memory, so the stream stays exported; it is leaked rather than freed.
                _exported = null;
                _connection.RemoveArrowView(this);
                return;
            }
        }

        CArrowArrayStream.Free(_exported);
        _exported = null;
        _connection.RemoveArrowView(this);
    }

    /// <summary>Exports <paramref name="stream"/> and creates the view over it; on failure the stream is disposed.</summary>
    internal static DuckDbArrowView Create(DuckDbConnection connection, ConnectionHandle handle, string name, IArrowArrayStream stream)
    {
        var view = new DuckDbArrowView(connection, name);
        CArrowArrayStream* exported = null;
        var owned = false;
        try
        {
            var recording = new RecordingArrowStream(stream, stream.Schema, view.Record);
            exported = CArrowArrayStream.Create();
            CArrowArrayStreamExporter.ExportArrayStream(recording, exported);
            owned = true;
            view._scan = CreateViews(connection, handle, name, exported);
        }
        catch
        {
            if (exported is not null)
            {
                // Once exported, releasing the C stream disposes the managed one.
                CArrowArrayStream.Free(exported);
            }

            if (!owned)
            {
                stream.Dispose();
            }

            throw;
        }

        view._exported = exported;
        return view;
    }

    // duckdb_arrow_scan only creates a persistent view in the default schema, where another connection could see or
    // replace it. So the scan gets a unique name there and the caller's name is a temporary view over it: private to
    // this connection, and two connections can register the same name at once.
    private static string CreateViews(DuckDbConnection connection, ConnectionHandle handle, string name, CArrowArrayStream* exported)
    {
        var scanName = "hakiri_arrow_" + Guid.NewGuid().ToString("N");
        string scan;
        using (var reader = connection.Query("SELECT current_database(), current_schema()"))
        {
            reader.Read();
            scan = $"{Quote(reader.GetString(0))}.{Quote(reader.GetString(1))}.{Quote(scanName)}";
        }

        if (DuckDbNative.duckdb_arrow_scan(handle, scanName, (nint)exported) != 0)
        {
            throw new DuckDbException(
                $"DuckDB could not create the view '{name}' over the Arrow stream; check that its schema holds only types DuckDB reads from Arrow.");
        }

        try
        {
            connection.Execute($"CREATE OR REPLACE TEMP VIEW {Quote(name)} AS SELECT * FROM {scan}");
        }
        catch
        {
            connection.Execute($"DROP VIEW IF EXISTS {scan}");
            throw;
        }

        return scan;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Record(Exception failure)
    {
        Volatile.Write(ref _streamError, failure);
        _connection.RecordArrowFailure(failure);
    }
}
