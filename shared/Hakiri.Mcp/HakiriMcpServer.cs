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
        "Rows carry _provenance (run, connector, source, record) so answers can cite where a fact came from.";

    /// <summary>Server options whose handlers call <paramref name="toolset"/>; share one instance across sessions.</summary>
    /// <param name="toolset">The tools and the store behind them.</param>
    /// <param name="version">The server version reported to clients.</param>
    public static McpServerOptions CreateOptions(ContextToolset toolset, string version)
    {
        var options = new McpServerOptions();
        Configure(options, toolset, version);
        return options;
    }

    /// <summary>
    /// Fills server options (for instance the ones a host's dependency injection builds) with Hakiri's identity,
    /// capabilities and handlers, so every transport serves the same server.
    /// </summary>
    /// <param name="options">The options to fill.</param>
    /// <param name="toolset">The tools and the store behind them.</param>
    /// <param name="version">The server version reported to clients.</param>
    public static void Configure(McpServerOptions options, ContextToolset toolset, string version)
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
                toolset.CallAsync(request.Params?.Name ?? string.Empty, request.Params?.Arguments, cancellationToken),
            ListResourcesHandler = (_, _) => ValueTask.FromResult(TableResources.List(toolset.Store)),
            ListResourceTemplatesHandler = (_, _) => ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [TableResources.Template] }),
            ReadResourceHandler = (request, _) => ValueTask.FromResult(TableResources.Read(toolset.Store, request.Params?.Uri ?? string.Empty)),
        };
    }

    /// <summary>Serves one client over standard input and output until it disconnects or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(McpServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var transport = new StdioServerTransport(options.ServerInfo?.Name ?? "hakiri");
        await using var server = McpServer.Create(transport, options);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
