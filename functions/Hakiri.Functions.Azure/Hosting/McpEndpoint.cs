using Hakiri.Mcp;
using Hakiri.Mcp.FunctionUrl;
using Hakiri.Mcp.Http;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;

namespace Hakiri.Functions.Azure.Hosting;

/// <summary>
/// The MCP handler <c>hakiri serve</c> and the Lambda function URL use, over the app's store. A Blob store is served
/// from its own mirror, brought up to date with the catalog before each request so agents see every committed run.
/// </summary>
internal sealed class McpEndpoint(AppRuntime runtime) : IDisposable
{
    /// <summary>The route the function app serves MCP on.</summary>
    public const string Path = "/api/mcp";

    private readonly SemaphoreSlim _turn = new(1, 1);
    private (ContextStore Store, McpHttpHandler Handler)? _open;

    public async Task<McpHttpResponse> HandleAsync(McpHttpRequest request, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var mirror = runtime.Store.ReadMirror;
            if (mirror is not null)
            {
                await SyncAsync(mirror, cancellationToken).ConfigureAwait(false);
            }

            if (_open is null)
            {
                var store = ContextStore.Open(mirror?.Local ?? runtime.Store.Layout);
                var version = typeof(McpEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
                var options = HakiriMcpServer.CreateOptions(new ContextToolset(store, new QueryLimits(), embeddings: new Hakiri.Embeddings.EmbeddingProviders()), version);
                _open = (store, new McpHttpHandler(options, new McpHttpOptions { Paths = [Path] }));
            }
            else
            {
                _open.Value.Store.Refresh();
            }
        }
        finally
        {
            _turn.Release();
        }

        return await _open.Value.Handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _open?.Store.Dispose();
        _turn.Dispose();
    }

    private static Task SyncAsync(StoreMirror mirror, CancellationToken cancellationToken) => mirror.PullForReadingAsync(cancellationToken);
}
