using System.Buffers;
using System.Text;
using System.Text.Json;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tools;

/// <summary>
/// The three tools over a <see cref="ContextStore"/>: <c>context.list_tables</c>, <c>context.describe</c> and
/// <c>context.query</c>. Transport-neutral: the MCP server's handlers call it, whatever carried the request. Thread-safe.
/// </summary>
public sealed class ContextToolset
{
    private readonly ContextStore _store;
    private readonly QueryRunner _runner;

    /// <summary>Creates the toolset over an open store.</summary>
    public ContextToolset(ContextStore store, QueryLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _runner = new QueryRunner(store, limits ?? new QueryLimits());
        Tools = ToolDefinitions.For(_runner.Limits);
    }

    /// <summary>The store the tools read.</summary>
    public ContextStore Store => _store;

    /// <summary>The tool definitions, for <c>tools/list</c>.</summary>
    public IReadOnlyList<Tool> Tools { get; }

    /// <summary>
    /// Calls a tool. Refused SQL, unknown tables and bad arguments come back as tool errors (<c>isError: true</c>) with a
    /// sentence saying what to change; an unknown tool name is a protocol error.
    /// </summary>
    /// <exception cref="McpProtocolException">No tool has that name.</exception>
    public async ValueTask<CallToolResult> CallAsync(string name, IDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken = default)
    {
        var args = new ToolArguments(name, arguments);
        try
        {
            var json = name switch
            {
                ToolNames.ListTables => ListTables(args),
                ToolNames.Describe => await DescribeAsync(args, cancellationToken).ConfigureAwait(false),
                ToolNames.Query => await QueryAsync(args, cancellationToken).ConfigureAwait(false),
                _ => throw new McpProtocolException(
                    $"Unknown tool '{name}'. This server has {ToolNames.ListTables}, {ToolNames.Describe} and {ToolNames.Query}.", McpErrorCode.InvalidParams),
            };
            return Success(json);
        }
        catch (ToolErrorException e)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = e.Message }] };
        }
    }

    private byte[] ListTables(ToolArguments args)
    {
        args.Only();
        var snapshot = _store.Refresh();
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("tables");
            foreach (var table in snapshot.Tables)
            {
                TableDocument.Write(json, table);
            }

            json.WriteEndArray();
            json.WriteString("provenance", TableDocument.ProvenanceExplanation);
            if (snapshot.Tables.Count == 0)
            {
                json.WriteString("note", "The store has no tables yet: nothing has been ingested. Run 'hakiri run' on the project, then call this again.");
            }

            json.WriteEndObject();
        });
    }

    private async Task<byte[]> DescribeAsync(ToolArguments args, CancellationToken cancellationToken)
    {
        args.Only("table", "sample_rows");
        var snapshot = _store.Refresh();
        var table = snapshot.Find(args.RequiredString("table"))
            ?? throw new ToolErrorException($"There is no table '{args.RequiredString("table")}'. Tables: {snapshot.NameList}.");
        var samples = args.Integer("sample_rows", 5, 0, 20);
        byte[]? rows = null;
        if (samples > 0)
        {
            rows = await _runner.RunAsync(new QueryPlan($"SELECT * FROM {Sql.Identifier(table.Name)} LIMIT {samples}", [], samples), snapshot, cancellationToken).ConfigureAwait(false);
        }

        return Json(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("table");
            TableDocument.Write(json, table);
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

    private async Task<byte[]> QueryAsync(ToolArguments args, CancellationToken cancellationToken)
    {
        args.Only("sql", "table", "filter", "order_by", "limit");
        var snapshot = _store.Refresh();
        var limits = _runner.Limits;
        var limit = args.Integer("limit", limits.DefaultRows, 1, limits.MaxRows);
        var plan = QueryComposer.Compose(args, snapshot, limit);
        return await _runner.RunAsync(plan, snapshot, cancellationToken).ConfigureAwait(false);
    }

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
