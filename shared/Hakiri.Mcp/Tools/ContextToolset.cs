using System.Buffers;
using System.Text;
using System.Text.Json;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Memory;
using Hakiri.Embeddings;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Search;
using Hakiri.Mcp.Store;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tools;

/// <summary>
/// The three tools over a <see cref="ContextStore"/>: <c>context.list_tables</c>, <c>context.describe</c> and
/// <c>context.query</c>. Transport-neutral: the MCP server's handlers call it, whatever carried the request. A caller
/// with an <see cref="AccessScope"/> sees only its tables, rows and columns; every read is given to the audit sink before
/// it is answered. Thread-safe.
/// </summary>
public sealed partial class ContextToolset : IDisposable
{
    private readonly ContextStore _store;
    private readonly QueryRunner _runner;
    private readonly IAuditSink? _audit;
    private readonly TimeProvider _clock;
    private readonly SearchIndexes _indexes;
    private readonly HybridSearch _search;
    private readonly MemoryToolOptions _memory;

    /// <summary>Creates the toolset over an open store.</summary>
    /// <param name="store">The store the tools read.</param>
    /// <param name="limits">Row, byte and time caps.</param>
    /// <param name="audit">Receives a record of every read before it is answered; <see langword="null"/> = no audit trail.</param>
    /// <param name="clock">Stamps audit records; the system clock by default.</param>
    /// <param name="embeddings">Embeds <c>similar_to</c> text for vector indexes; <see langword="null"/>: only rows can be given as similar_to.</param>
    /// <param name="memory">Whether and as whom memory.write and memory.delete write; <see langword="null"/>: they are refused.</param>
    public ContextToolset(
        ContextStore store, QueryLimits? limits = null, IAuditSink? audit = null, TimeProvider? clock = null, EmbeddingProviders? embeddings = null, MemoryToolOptions? memory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _runner = new QueryRunner(store, limits ?? new QueryLimits());
        _audit = audit;
        _clock = clock ?? TimeProvider.System;
        _indexes = new SearchIndexes(store, store.Layout, embeddings, store.Options.RefreshInterval);
        _search = new HybridSearch(_indexes, _runner, new FilterProbe(store, _runner.Limits));
        _memory = memory ?? new MemoryToolOptions();
        Tools = [.. ToolDefinitions.For(_runner.Limits), .. MemoryToolDefinitions.For(canWrite: _memory.Store is not null)];
    }

    /// <inheritdoc />
    public void Dispose() => _indexes.Dispose();

    /// <summary>The store the tools read.</summary>
    public ContextStore Store => _store;

    /// <summary>The tool definitions, for <c>tools/list</c>.</summary>
    public IReadOnlyList<Tool> Tools { get; }

    /// <summary>
    /// Calls a tool. Refused SQL, unknown tables and bad arguments come back as tool errors (<c>isError: true</c>) with a
    /// sentence saying what to change; an unknown tool name is a protocol error.
    /// </summary>
    /// <exception cref="McpProtocolException">No tool has that name.</exception>
    public ValueTask<CallToolResult> CallAsync(string name, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken = default) =>
        CallAsync(name, arguments, null, cancellationToken);

    /// <summary>
    /// Calls a tool as the holder of <paramref name="scope"/> (<see langword="null"/>: an open store, everything visible).
    /// Tables outside the scope do not exist for the caller; its row filters and redactions apply before its SQL sees data.
    /// </summary>
    /// <exception cref="McpProtocolException">No tool has that name.</exception>
    public async ValueTask<CallToolResult> CallAsync(string name, IDictionary<string, JsonElement>? arguments, AccessScope? scope, CancellationToken cancellationToken)
    {
        var args = new ToolArguments(name, arguments);
        try
        {
            var json = name switch
            {
                ToolNames.ListTables => ListTables(args, View(scope)),
                ToolNames.Describe => await DescribeAsync(args, View(scope), cancellationToken).ConfigureAwait(false),
                ToolNames.Query => await QueryAsync(args, View(scope), cancellationToken).ConfigureAwait(false),
                ToolNames.MemoryWrite => await MemoryWriteAsync(args, scope, cancellationToken).ConfigureAwait(false),
                ToolNames.MemorySearch => await MemorySearchAsync(args, View(scope), cancellationToken).ConfigureAwait(false),
                ToolNames.MemoryDelete => await MemoryDeleteAsync(args, scope, cancellationToken).ConfigureAwait(false),
                _ => throw new McpProtocolException(
                    $"Unknown tool '{name}'. This server has {ToolNames.ListTables}, {ToolNames.Describe}, {ToolNames.Query}, {ToolNames.MemoryWrite}, {ToolNames.MemorySearch} and {ToolNames.MemoryDelete}.",
                    McpErrorCode.InvalidParams),
            };
            return Success(json);
        }
        catch (ToolErrorException e)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = e.Message }] };
        }
    }

    private byte[] ListTables(ToolArguments args, (StoreSnapshot Snapshot, ScopedTables? Scoped) view)
    {
        args.Only();
        var tables = view.Scoped?.Tables ?? view.Snapshot.Tables;
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("tables");
            foreach (var table in tables)
            {
                TableDocument.Write(json, table, view.Scoped?.Find(table.Name)?.Grant, Guide(table.Name));
            }

            json.WriteEndArray();
            json.WriteString("provenance", TableDocument.ProvenanceExplanation);
            if (view.Scoped is not null && tables.Count == 0)
            {
                json.WriteString("note", "This token grants no table of the store; ask its issuer for one that names the tables you need.");
            }
            else if (tables.Count == 0)
            {
                json.WriteString("note", "The store has no tables yet: nothing has been ingested. Run 'hakiri run' on the project, then call this again.");
            }

            json.WriteEndObject();
        });
    }

    private async Task<byte[]> DescribeAsync(ToolArguments args, (StoreSnapshot Snapshot, ScopedTables? Scoped) view, CancellationToken cancellationToken)
    {
        args.Only("table", "sample_rows");
        var (snapshot, scoped) = view;
        var name = args.RequiredString("table");
        var table = (scoped is null ? snapshot.Find(name) : scoped.Find(name)?.Table)
            ?? throw new ToolErrorException(scoped?.NoSuchTable(name) ?? $"There is no table '{name}'. Tables: {snapshot.NameList}.");
        var samples = args.Integer("sample_rows", 5, 0, 20);
        byte[]? rows = null;
        if (samples > 0)
        {
            var result = await _runner.RunAsync(new QueryPlan($"SELECT * FROM {Sql.Identifier(table.Name)} LIMIT {samples}", [], samples), snapshot, scoped, cancellationToken).ConfigureAwait(false);
            Audit(scoped?.Caller, ToolNames.Describe, result);
            rows = result.Json;
        }

        return Json(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("table");
            TableDocument.Write(json, table, scoped?.Find(table.Name)?.Grant, Guide(table.Name));
            json.WriteString("provenance", TableDocument.ProvenanceExplanation);
            if (rows is not null)
            {
                using var sample = JsonDocument.Parse(rows);
                json.WritePropertyName("sample_rows");
                sample.RootElement.GetProperty("rows").WriteTo(json);
            }

            json.WriteEndObject();
        });
    }

    private async Task<byte[]> QueryAsync(ToolArguments args, (StoreSnapshot Snapshot, ScopedTables? Scoped) view, CancellationToken cancellationToken, string tool = ToolNames.Query)
    {
        args.Only("sql", "table", "filter", "order_by", "limit", "search", "similar_to");
        var limits = _runner.Limits;
        var limit = args.Integer("limit", limits.DefaultRows, 1, limits.MaxRows);
        if (SearchRequest.From(args) is { } search)
        {
            return await SearchAsync(args, search, view, limit, tool, cancellationToken).ConfigureAwait(false);
        }

        var plan = QueryComposer.Compose(args, view.Snapshot, limit, view.Scoped);
        var result = await _runner.RunAsync(plan, view.Snapshot, view.Scoped, cancellationToken).ConfigureAwait(false);
        Audit(view.Scoped?.Caller, tool, result);
        return WithheldOutput.Attach(result.Json, view.Scoped?.Withheld(result.Sources.Select(t => t.Name)) ?? []);
    }

    private async Task<byte[]> SearchAsync(
        ToolArguments args, SearchRequest search, (StoreSnapshot Snapshot, ScopedTables? Scoped) view, int limit, string tool, CancellationToken cancellationToken)
    {
        if (args.String("sql") is not null || args.String("table") is not { } name)
        {
            throw new ToolErrorException("'search' and 'similar_to' go with 'table' (the table whose indexes to use), not with 'sql'; narrow the rows with 'filter'.");
        }

        if (args.Strings("order_by").Count > 0)
        {
            throw new ToolErrorException("'order_by' does not go with 'search' or 'similar_to': the rows come ranked by _score.");
        }

        var (snapshot, scoped) = view;
        var table = (scoped is null ? snapshot.Find(name) : scoped.Find(name)?.Table)
            ?? throw new ToolErrorException(scoped?.NoSuchTable(name) ?? $"There is no table '{name}'. Tables: {snapshot.NameList}.");
        var parameters = new List<object?>();
        var where = args.Get("filter") is { } filter ? FilterCompiler.Compile(filter, parameters) : string.Empty;
        if (scoped?.Find(table.Name)?.Grant is { Withheld.Count: > 0 } grant)
        {
            if (await WithheldSearchAsync(table, grant, snapshot, scoped, cancellationToken).ConfigureAwait(false) is { } empty)
            {
                return empty;
            }
        }

        var (result, info) = await _search.RunAsync(search, table, where, parameters, limit, snapshot, scoped, cancellationToken).ConfigureAwait(false);
        Audit(scoped?.Caller, tool, result);
        return WithheldOutput.Attach(SearchOutput.Attach(result.Json, info), scoped?.Withheld([table.Name]) ?? []);
    }

    private string? Guide(string table) => _indexes.Guides.TryGetValue(table, out var guide) ? guide : null;

    private static CallToolResult Success(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return new CallToolResult
        {
            IsError = false,
            Content = [new TextContentBlock { Text = Encoding.UTF8.GetString(json) }],
            StructuredContent = document.RootElement.Clone(),
        };
    }

    internal static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
