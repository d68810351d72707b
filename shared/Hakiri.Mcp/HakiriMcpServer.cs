using Hakiri.Access.Policy;
using Hakiri.Mcp.Http;
using Hakiri.Mcp.Resources;
using Hakiri.Mcp.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hakiri.Mcp;

/// <summary>
/// The MCP server over a context store, built on the C# SDK's low-level handlers (no reflection-bound tool methods, so it
/// stays trimming- and AOT-safe). The same options serve stdio, the SDK's Streamable HTTP endpoint (hosted by the CLI)
/// and Lambda function URLs.
/// </summary>
public static class HakiriMcpServer
{
    /// <summary>What the server tells clients about itself at initialization.</summary>
    public const string Instructions =
        "This server answers questions from a Hakiri context store: tables of records ingested from files, APIs and databases. " +
        "Call context.list_tables first, context.describe for a table's columns and sample rows, then context.query with one read-only SELECT (DuckDB SQL). " +
        "Rows carry _provenance (run, connector, source, record) so answers can cite where a fact came from. " +
        "To remember something for later, call memory.write where the server offers it; find it again with memory.search.";

    /// <summary>Server options whose handlers call <paramref name="toolset"/>; share one instance across sessions.</summary>
    /// <param name="toolset">The tools and the store behind them.</param>
    /// <param name="version">The server version reported to clients.</param>
    /// <param name="access">Who may read: <see langword="null"/> for an open store (see <see cref="ServerAccess"/>).</param>
    public static McpServerOptions CreateOptions(ContextToolset toolset, string version, ServerAccess? access = null)
    {
        var options = new McpServerOptions();
        Configure(options, toolset, version, access);
        return options;
    }

    /// <summary>
    /// Fills server options (for instance the ones a host's dependency injection builds) with Hakiri's identity,
    /// capabilities and handlers, so every transport serves the same server.
    /// </summary>
    /// <param name="options">The options to fill.</param>
    /// <param name="toolset">The tools and the store behind them.</param>
    /// <param name="version">The server version reported to clients.</param>
    /// <param name="access">Who may read: <see langword="null"/> for an open store (see <see cref="ServerAccess"/>).</param>
    public static void Configure(McpServerOptions options, ContextToolset toolset, string version, ServerAccess? access = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(toolset);
        options.ServerInfo = new Implementation { Name = "hakiri", Title = "Hakiri context store", Version = version };
        options.ServerInstructions = Instructions;
        options.Capabilities = new ServerCapabilities
        {
            Tools = new ToolsCapability { ListChanged = false },
            Resources = new ResourcesCapability { ListChanged = false, Subscribe = false },
        };
        options.Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. toolset.Tools] }),
            CallToolHandler = (request, cancellationToken) =>
                toolset.CallAsync(request.Params?.Name ?? string.Empty, request.Params?.Arguments, ScopeOf(access, request), cancellationToken),
            ListResourcesHandler = (request, _) => ValueTask.FromResult(toolset.ListResources(ScopeOf(access, request))),
            ListResourceTemplatesHandler = (_, _) => ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [TableResources.Template] }),
            ReadResourceHandler = (request, _) => ValueTask.FromResult(toolset.ReadResource(request.Params?.Uri ?? string.Empty, ScopeOf(access, request))),
        };
    }

    // A scope a front door admitted always applies; under access control a request without one is never answered as if
    // the store were open.
    private static AccessScope? ScopeOf(ServerAccess? access, MessageContext request) =>
        AccessPrincipal.ScopeOf(request.User) ?? access?.Scope
        ?? (access is null ? null : throw new ModelContextProtocol.McpProtocolException(AccessPrincipal.MissingToken, ModelContextProtocol.McpErrorCode.InvalidRequest));

    /// <summary>Serves one client over standard input and output until it disconnects or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(McpServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var transport = new StdioServerTransport(options.ServerInfo?.Name ?? "hakiri");
        await using var server = McpServer.Create(transport, options);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
