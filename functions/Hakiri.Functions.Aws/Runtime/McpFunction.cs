using Hakiri.Access.Policy;
using Hakiri.Mcp;
using Hakiri.Mcp.FunctionUrl;
using Hakiri.Mcp.Http;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;

namespace Hakiri.Functions.Aws.Runtime;

/// <summary>
/// The <c>mcp</c> handler: answers Lambda function URL events (payload format 2.0) with the server options
/// <c>hakiri serve</c> uses, through the function URL adapter's stateless JSON handler. An <c>s3://</c> store is served
/// from a mirror in /tmp, brought up to date with the catalog before each request so agents see every committed run.
/// </summary>
internal sealed class McpFunction : IDisposable
{
    private readonly ContextStore _store;
    private readonly FunctionUrlMcpHandler _handler;
    private readonly StoreMirror? _mirror;

    private McpFunction(ContextStore store, StoreMirror? mirror, Func<string?, AccessScope>? admit)
    {
        _store = store;
        _mirror = mirror;
        var access = admit is null ? null : new ServerAccess();
        var options = HakiriMcpServer.CreateOptions(new ContextToolset(store, new QueryLimits()), typeof(McpFunction).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", access);
        _handler = new FunctionUrlMcpHandler(new McpHttpHandler(options, new McpHttpOptions(), admit));
    }

    /// <param name="layout">The store (local, or the /tmp mirror of an s3:// one).</param>
    /// <param name="mirror">Pulls an s3:// store's catalog and files; null for a local store.</param>
    /// <param name="admit">Under access control, the token gate's <c>Admit</c>: every event then needs a bearer token; null = open.</param>
    /// <param name="cancellationToken">Cancels the first sync.</param>
    public static async Task<McpFunction> OpenAsync(StoreLayout layout, StoreMirror? mirror, Func<string?, AccessScope>? admit, CancellationToken cancellationToken)
    {
        if (mirror is not null)
        {
            await SyncAsync(mirror, cancellationToken).ConfigureAwait(false);
        }

        return new McpFunction(ContextStore.Open(layout), mirror, admit);
    }

    public async Task<string> HandleAsync(string eventJson, CancellationToken cancellationToken)
    {
        if (_mirror is not null)
        {
            await SyncAsync(_mirror, cancellationToken).ConfigureAwait(false);
            _store.Refresh();
        }

        return await _handler.HandleAsync(eventJson, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _store.Dispose();

    private static async Task SyncAsync(StoreMirror mirror, CancellationToken cancellationToken)
    {
        await mirror.PullCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (File.Exists(mirror.Local.CatalogPath))
        {
            using var catalog = CatalogDatabase.Open(mirror.Local);
            await mirror.PullFilesAsync(catalog.ListTables().SelectMany(t => catalog.ListFiles(t.Name)).Select(f => f.Path).ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }
}
