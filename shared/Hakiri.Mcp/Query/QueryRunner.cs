using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Hakiri.Access.Audit;
using Hakiri.DuckDb;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Query;

/// <summary>Runs a guarded SELECT under the row, byte and time caps and writes the result as JSON.</summary>
internal sealed class QueryRunner(ContextStore store, QueryLimits limits)
{
    public QueryLimits Limits => limits;

    /// <summary>
    /// Runs the plan on a pooled connection, off the caller's thread (DuckDB calls block). With <paramref name="scoped"/>,
    /// the SQL is first rewritten so it reads only the caller's granted views (see <see cref="ScopedQuery"/>).
    /// </summary>
    /// <exception cref="ToolErrorException">The SQL was refused or failed.</exception>
    public Task<QueryResult> RunAsync(QueryPlan plan, StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken) =>
        Task.Run(() => Run(plan, snapshot, scoped, cancellationToken), cancellationToken);

    private QueryResult Run(QueryPlan plan, StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken)
    {
        var lease = store.Rent();
        var reusable = true;
        var names = scoped?.NameList ?? snapshot.NameList;
        try
        {
            var connection = lease.Connection;
            if (scoped is not null)
            {
                plan = ScopedQuery.Rewrite(connection, plan, scoped, store.CatalogReaders);
            }

            using var statement = ReadOnlySqlGuard.Prepare(connection, plan.Sql, names);
            Bind(statement, plan.Parameters);
            var sources = SourceTables.Of(connection, plan.Sql, snapshot);
            var stopwatch = Stopwatch.StartNew();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limits.Timeout);
            var rows = new RowCollector(plan.MaxRows, limits.MaxBytes, sources);
            using (timeout.Token.Register(connection.Interrupt))
            {
                try
                {
                    using var reader = statement.Query();
                    rows.ReadAll(reader);
                }
                catch (DuckDbException e) when (e.ErrorType == DuckDbErrorType.Interrupt || timeout.IsCancellationRequested)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (rows.Shape is null || rows.Count == 0)
                    {
                        throw new ToolErrorException(
                            $"The query ran longer than the {limits.Timeout.TotalSeconds:0.#} s limit and was stopped. Narrow it with a WHERE filter, aggregate, or a LIMIT.", e);
                    }

                    rows.StopForTime(limits.Timeout);
                }
                catch (DuckDbException e)
                {
                    throw new ToolErrorException(ReadOnlySqlGuard.QueryFailed(e, names), e);
                }
            }

            // An interrupt that lands after the last row could linger on the connection; do not hand it to the next query.
            reusable = !timeout.IsCancellationRequested;
            return new QueryResult(rows.ToJson(stopwatch.Elapsed), rows.Count, sources, rows.Keys, rows.KeysComplete);
        }
        finally
        {
            if (reusable)
            {
                lease.Dispose();
            }
            else
            {
                lease.Connection.Dispose();
            }
        }
    }

    private static void Bind(DuckDbStatement statement, IReadOnlyList<object?> parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            try
            {
                statement.Bind(i + 1, parameters[i]);
            }
            catch (DuckDbException e)
            {
                throw new ToolErrorException($"A filter value could not be used: {e.Message}", e);
            }
        }
    }

    /// <summary>Collects rows as JSON until a cap is reached.</summary>
    private sealed class RowCollector(int maxRows, int maxBytes, IReadOnlyList<TableRecord> sources)
    {
        private readonly List<byte[]> _rows = [];
        private readonly List<AuditKey> _keys = [];
        private AuditKeyReader? _keyReader;
        private readonly ArrayBufferWriter<byte> _scratch = new();
        private long _bytes;
        private string? _note;

        public ResultShape? Shape { get; private set; }

        public int Count => _rows.Count;

        public bool Truncated { get; private set; }

        public IReadOnlyList<AuditKey> Keys => _keys;

        public bool KeysComplete => _keyReader?.Complete ?? sources.Count == 0;

        public void ReadAll(DuckDbReader reader)
        {
            Shape = ResultShape.From(reader.Columns);
            _keyReader = new AuditKeyReader(reader.Columns, sources);
            using var json = new Utf8JsonWriter(_scratch, JsonOutput.Options);
            while (reader.Read())
            {
                if (_rows.Count == maxRows)
                {
                    Truncated = true;
                    _note = $"Only the first {maxRows} rows are shown; more rows match. Add a filter or aggregate, or raise 'limit'.";
                    return;
                }

                _scratch.ResetWrittenCount();
                json.Reset(_scratch);
                RowWriter.Write(json, reader, Shape, sources);
                json.Flush();
                if (_bytes + _scratch.WrittenCount > maxBytes)
                {
                    Truncated = true;
                    _note = $"The result was cut at {_rows.Count} rows to stay under {maxBytes / 1024} KiB. Select fewer columns, add a filter, or aggregate.";
                    return;
                }

                _bytes += _scratch.WrittenCount;
                _rows.Add(_scratch.WrittenSpan.ToArray());
                _keyReader.Read(reader, _keys);
            }
        }

        public void StopForTime(TimeSpan timeout)
        {
            Truncated = true;
            _note = $"The query was stopped at the {timeout.TotalSeconds:0.#} s time limit after {_rows.Count} rows; narrow it to see everything.";
        }

        public byte[] ToJson(TimeSpan elapsed)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
            {
                json.WriteStartObject();
                json.WriteStartArray("columns");
                foreach (var column in Shape!.Visible)
                {
                    json.WriteStartObject();
                    json.WriteString("name", column.Name);
                    json.WriteString("type", column.Type);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("rows");
                foreach (var row in _rows)
                {
                    json.WriteRawValue(row, skipInputValidation: true);
                }

                json.WriteEndArray();
                json.WriteNumber("row_count", _rows.Count);
                json.WriteBoolean("truncated", Truncated);
                var note = _note ?? (Shape.HasProvenance || _rows.Count == 0 || sources.Count == 0 ? null
                    : "These rows carry no _provenance because the query dropped the _hakiri_* columns (aggregates, or a column list). Keep _hakiri_run_id, _hakiri_source and _hakiri_record in the SELECT (or use SELECT *) for row-level provenance; 'sources' names the tables read.");
                if (note is not null)
                {
                    json.WriteString("note", note);
                }

                json.WriteStartArray("sources");
                foreach (var table in sources)
                {
                    json.WriteStartObject();
                    json.WriteString("table", table.Name);
                    json.WriteString("connector", table.Connector);
                    json.WriteString("pipeline", table.Pipeline);
                    if (table.UpdatedRunId is { } run)
                    {
                        json.WriteString("last_run", run);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteNumber("elapsed_ms", Math.Round(elapsed.TotalMilliseconds, 1));
                json.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
    }
}
