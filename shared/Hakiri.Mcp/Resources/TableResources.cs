using System.Text;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store.Catalog;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Resources;

/// <summary>Each table's schema as an MCP resource, <c>hakiri://tables/{name}</c>, in the JSON context.describe uses.</summary>
public static class TableResources
{
    /// <summary>The URI prefix of table resources.</summary>
    public const string UriPrefix = "hakiri://tables/";

    /// <summary>The template clients may fill in.</summary>
    public static ResourceTemplate Template { get; } = new()
    {
        Name = "table",
        Title = "Context table schema",
        UriTemplate = UriPrefix + "{name}",
        Description = "The schema of one table of the Hakiri context store: columns with DuckDB types, primary key, row count, source pipeline and connector, example queries.",
        MimeType = "application/json",
    };

    /// <summary>One resource per table (an open store; <see cref="ContextToolset.ListResources"/> applies a scope).</summary>
    public static ListResourcesResult List(ContextStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return List(store.Refresh().Tables);
    }

    /// <summary>Reads one table's schema (an open store; <see cref="ContextToolset.ReadResource"/> applies a scope and audits).</summary>
    /// <exception cref="McpProtocolException">The URI names no table (error code: resource not found).</exception>
    public static ReadResourceResult Read(ContextStore store, string uri)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(uri);
        var snapshot = store.Refresh();
        var name = NameOf(uri);
        var table = name is null ? null : snapshot.Find(name);
        if (table is null)
        {
            throw new McpProtocolException($"No resource '{uri}'. Table resources are {UriPrefix}<table>; tables: {snapshot.NameList}.", McpErrorCode.ResourceNotFound);
        }

        return Read(table, uri, null);
    }

    internal static ListResourcesResult List(IReadOnlyList<TableRecord> tables) => new()
    {
        Resources = tables.Select(table => new Resource
        {
            Uri = UriPrefix + Uri.EscapeDataString(table.Name),
            Name = table.Name,
            Title = $"Table {table.Name}",
            Description = TableDocument.Description(table),
            MimeType = "application/json",
        }).ToList(),
    };

    internal static string? NameOf(string uri) =>
        uri.StartsWith(UriPrefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(uri[UriPrefix.Length..]) : null;

    internal static ReadResourceResult Read(TableRecord table, string uri, TableGrant? grant)
    {
        var json = ContextToolset.Json(writer => TableDocument.Write(writer, table, grant));
        return new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = uri, MimeType = "application/json", Text = Encoding.UTF8.GetString(json) }],
        };
    }
}
