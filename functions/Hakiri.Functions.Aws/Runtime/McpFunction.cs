using Hakiri.Access.Policy;
using Hakiri.Audit;
using Hakiri.Mcp;
using Hakiri.Mcp.FunctionUrl;
using Hakiri.Mcp.Http;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Model.Manifests;
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
    private readonly AuditTrail _audit;
    private readonly AuditUploader? _uploader;

    private McpFunction(ContextStore store, StoreMirror? mirror, Func<string?, AccessScope>? admit, AuditTrail audit)
    {
        _store = store;
        _mirror = mirror;
        _audit = audit;
        _uploader = mirror is null ? null : new AuditUploader(mirror);
        var access = admit is null ? null : new ServerAccess();
        var options = HakiriMcpServer.CreateOptions(new ContextToolset(store, new QueryLimits(), audit, embeddings: new Hakiri.Embeddings.EmbeddingProviders()), typeof(McpFunction).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", access);
        _handler = new FunctionUrlMcpHandler(new McpHttpHandler(options, new McpHttpOptions(), admit));
    }

    /// <param name="layout">The store (local, or the /tmp mirror of an s3:// one).</param>
    /// <param name="mirror">Pulls an s3:// store's catalog and files; null for a local store.</param>
    /// <param name="admit">Under access control, the token gate's <c>Admit</c>: every event then needs a bearer token; null = open.</param>
    /// <param name="auditKeys">How the audit log keeps primary keys (the manifest's <c>[access] audit_keys</c>).</param>
    /// <param name="cancellationToken">Cancels the first sync.</param>
    public static async Task<McpFunction> OpenAsync(
        StoreLayout layout, StoreMirror? mirror, Func<string?, AccessScope>? admit, AuditKeyMode auditKeys, CancellationToken cancellationToken)
    {
        if (mirror is not null)
        {
            await SyncAsync(mirror, cancellationToken).ConfigureAwait(false);
        }

        // A container's mirror lives in /tmp and may vanish with it: its journal goes to the bucket after every request
        // (see HandleAsync), and folds early so the segments it re-uploads stay small.
        var audit = AuditTrail.Open(layout, new AuditOptions { KeyMode = auditKeys, FoldThreshold = mirror is null ? 10_000 : 1_000 });
        return new McpFunction(ContextStore.Open(layout), mirror, admit, audit);
    }

    public async Task<string> HandleAsync(string eventJson, CancellationToken cancellationToken)
    {
        if (_mirror is not null)
        {
            await SyncAsync(_mirror, cancellationToken).ConfigureAwait(false);
            _store.Refresh();
        }

        var response = await _handler.HandleAsync(eventJson, cancellationToken).ConfigureAwait(false);
        if (_uploader is not null)
        {
            // The records of this request reach the bucket before its answer leaves.
            await _uploader.PushAsync(cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    public void Dispose()
    {
        _store.Dispose();
        _audit.Dispose();
    }

    private static Task SyncAsync(StoreMirror mirror, CancellationToken cancellationToken) => mirror.PullForReadingAsync(cancellationToken);
}
