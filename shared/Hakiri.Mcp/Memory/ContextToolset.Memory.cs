using System.Text.Json;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Memory;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Memory;
using Hakiri.Mcp.Access;

namespace Hakiri.Mcp.Tools;

/// <summary>
/// The memory tools: <c>memory.write</c> and <c>memory.delete</c> change only the <c>memory</c> table, through
/// <see cref="MemoryStore"/> (never through SQL); <c>memory.search</c> is <c>context.query</c> on that table. Each call is
/// given to the audit sink.
/// </summary>
public sealed partial class ContextToolset
{
    private const string DefaultUnavailable =
        "This server does not write memory; start it with 'hakiri serve --memory' for a local session, or with [access] tokens that allow write:memory.";

    private async Task<byte[]> MemoryWriteAsync(ToolArguments args, AccessScope? scope, CancellationToken cancellationToken)
    {
        args.Only("text", "tags");
        var text = args.RequiredString("text");
        var tags = args.Strings("tags");
        var (store, writer) = MemoryWriter(scope);
        string id;
        try
        {
            id = await store.WriteAsync(writer, text, tags, MemoryTable.McpSource, cancellationToken).ConfigureAwait(false);
        }
        catch (MemoryException e)
        {
            throw new ToolErrorException(e.Message, e);
        }

        Changed();
        AuditChange(scope, writer, ToolNames.MemoryWrite, [id]);
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("table", MemoryTable.Name);
            json.WriteString("agent", writer.Agent);
            json.WriteString("note", "Stored. Find it with memory.search; forget it with memory.delete and this id.");
            json.WriteEndObject();
        });
    }

    private async Task<byte[]> MemoryDeleteAsync(ToolArguments args, AccessScope? scope, CancellationToken cancellationToken)
    {
        args.Only("id");
        var id = args.RequiredString("id");
        var (store, writer) = MemoryWriter(scope);
        var owner = scope is not null && scope.Allows(MemoryToolOptions.DeleteAnyAction) ? null : writer.Agent;
        MemoryDeletion deletion;
        try
        {
            deletion = await store.DeleteAsync([id], owner, cancellationToken).ConfigureAwait(false);
        }
        catch (MemoryException e)
        {
            throw new ToolErrorException(e.Message, e);
        }

        Changed();
        AuditChange(scope, writer, ToolNames.MemoryDelete, deletion.Ids);
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("deleted");
            foreach (var deleted in deletion.Ids)
            {
                json.WriteStringValue(deleted);
            }

            json.WriteEndArray();
            json.WriteString("note", "Deleted for good: the files and indexes that held the row were rewritten without it.");
            json.WriteEndObject();
        });
    }

    private async Task<byte[]> MemorySearchAsync(ToolArguments args, (StoreSnapshot Snapshot, ScopedTables? Scoped) view, CancellationToken cancellationToken)
    {
        args.Only("search", "similar_to", "filter", "n");
        var n = args.Integer("n", 10, 1, Math.Min(100, _runner.Limits.MaxRows));
        var (snapshot, scoped) = view;
        if (snapshot.Find(MemoryTable.Name) is null)
        {
            return Json(json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("rows");
                json.WriteEndArray();
                json.WriteNumber("row_count", 0);
                json.WriteString("note", "No memory yet: nothing has been stored with memory.write.");
                json.WriteEndObject();
            });
        }

        if (scoped is not null && scoped.Find(MemoryTable.Name) is null)
        {
            throw new ToolErrorException("This token does not grant the 'memory' table; ask its issuer for a token whose tables include memory.");
        }

        var forwarded = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["table"] = Element($"\"{MemoryTable.Name}\""),
            ["limit"] = Element(n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var name in (string[])["search", "similar_to", "filter"])
        {
            if (args.Get(name) is { } value)
            {
                forwarded[name] = value;
            }
        }

        if (!forwarded.ContainsKey("search") && !forwarded.ContainsKey("similar_to"))
        {
            forwarded["order_by"] = Element("[\"created_at desc\", \"id desc\"]");
        }

        return await QueryAsync(new ToolArguments(ToolNames.MemorySearch, forwarded), view, cancellationToken, ToolNames.MemorySearch).ConfigureAwait(false);
    }

    private (MemoryStore Store, Subject Writer) MemoryWriter(AccessScope? scope)
    {
        var store = _memory.Store ?? throw new ToolErrorException(_memory.Unavailable ?? DefaultUnavailable);
        if (scope is null)
        {
            return (store, _memory.LocalWriter ?? throw new ToolErrorException(DefaultUnavailable));
        }

        if (!scope.Allows(MemoryToolOptions.WriteAction))
        {
            throw new ToolErrorException(
                "Refused: this token does not allow write:memory, which memory.write and memory.delete need; ask its issuer for a token issued with --action write:memory.");
        }

        return (store, scope.Subject);
    }

    // The next call sees the change at once instead of after the refresh interval.
    private void Changed()
    {
        _store.Refresh(force: true);
        _indexes.Invalidate();
    }

    private void AuditChange(AccessScope? scope, Subject writer, string tool, IReadOnlyList<string> ids)
    {
        if (_audit is null)
        {
            return;
        }

        var record = new AuditRecord(_clock.GetUtcNow(), scope?.Subject ?? writer, scope?.TokenId, tool, [MemoryTable.Name], ids.Count,
            ids.Select(id => new AuditKey(MemoryTable.Name, id)).ToArray(), KeysComplete: true);
        try
        {
            _audit.Record(record);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ToolErrorException(
                $"{tool} changed memory {string.Join(", ", ids)}, but its audit record could not be written ({e.Message.TrimEnd('.')}); check the audit log's storage.", e);
        }
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
