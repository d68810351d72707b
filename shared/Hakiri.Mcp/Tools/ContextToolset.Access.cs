using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Resources;
using Hakiri.Mcp.Store;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tools;

/// <summary>The toolset's access side: what a scope sees, the resources under it, and the audit record of each read.</summary>
public sealed partial class ContextToolset
{
    /// <summary>The sentence for a scope without the <c>read</c> action.</summary>
    internal const string NoReadAction = "Refused: this token does not allow the 'read' action, which every context tool needs; ask its issuer for a token with read.";

    /// <summary>Table resources the caller may see (<see langword="null"/> scope: every table).</summary>
    /// <exception cref="McpProtocolException">The scope does not allow reading.</exception>
    public ListResourcesResult ListResources(AccessScope? scope = null)
    {
        var (snapshot, scoped) = ResourceView(scope);
        return TableResources.List(scoped?.Tables ?? snapshot.Tables);
    }

    /// <summary>Reads one table resource as the holder of <paramref name="scope"/>; a table outside it does not exist.</summary>
    /// <exception cref="McpProtocolException">No such table for this caller, the scope does not allow reading, or the read could not be audited.</exception>
    public ReadResourceResult ReadResource(string uri, AccessScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var (snapshot, scoped) = ResourceView(scope);
        var name = TableResources.NameOf(uri);
        var table = name is null ? null : scoped is null ? snapshot.Find(name) : scoped.Find(name)?.Table;
        if (table is null)
        {
            throw new McpProtocolException(
                $"No resource '{uri}'. Table resources are {TableResources.UriPrefix}<table>; tables: {scoped?.NameList ?? snapshot.NameList}.", McpErrorCode.ResourceNotFound);
        }

        var result = TableResources.Read(table, uri, scoped?.Find(table.Name)?.Grant);
        try
        {
            Audit(scope, "resources/read", new QueryResult([], 0, [table], [], KeysComplete: true));
        }
        catch (ToolErrorException e)
        {
            throw new McpProtocolException(e.Message, e, McpErrorCode.InternalError);
        }

        return result;
    }

    private (StoreSnapshot Snapshot, ScopedTables? Scoped) View(AccessScope? scope)
    {
        if (scope is not null && !scope.Allows("read"))
        {
            throw new ToolErrorException(NoReadAction);
        }

        var snapshot = _store.Refresh();
        return (snapshot, scope is null ? OpenView(snapshot) : new ScopedTables(snapshot, scope, ZonePolicyOf));
    }

    private (StoreSnapshot Snapshot, ScopedTables? Scoped) ResourceView(AccessScope? scope)
    {
        try
        {
            return View(scope);
        }
        catch (ToolErrorException e)
        {
            throw new McpProtocolException(e.Message, e, McpErrorCode.InvalidRequest);
        }
    }

    // A read that cannot be audited is not answered: the sink's failure fails the call.
    private void Audit(AccessScope? scope, string tool, QueryResult result)
    {
        if (_audit is null)
        {
            return;
        }

        var record = new AuditRecord(
            _clock.GetUtcNow(), scope?.Subject, scope?.TokenId, tool, result.Sources.Select(t => t.Name).ToArray(), result.RowCount, result.Keys, result.KeysComplete)
        {
            Zone = scope is null ? Zone : scope.Zone,
        };
        try
        {
            _audit.Record(record);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ToolErrorException($"The read was not answered because its audit record could not be written ({e.Message.TrimEnd('.')}); check the audit log's storage and try again.", e);
        }
    }
}
