using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;
using Hakiri.Mcp.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Hakiri.Mcp.FunctionUrl;

/// <summary>
/// Stateless Streamable HTTP without a web server, for Lambda function URLs (the SDK's endpoint needs ASP.NET Core): a
/// POST carries one JSON-RPC message; a request is answered with one <c>application/json</c> response (a buffered
/// function URL cannot stream), a notification or response with 202 Accepted. GET (the optional server-to-client stream)
/// and DELETE (sessions) answer 405, as the spec allows a server without them. Foreign browser origins get 403.
/// <see cref="FunctionUrlMcpHandler"/> calls <see cref="HandleAsync"/>.
/// </summary>
public sealed class McpHttpHandler
{
    /// <summary>The protocol revisions the SDK (2.4.0) negotiates; a request naming another in MCP-Protocol-Version gets 400.</summary>
    public static IReadOnlyList<string> ProtocolVersions { get; } = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private readonly McpServerOptions _serverOptions;
    private readonly McpHttpOptions _options;
    private readonly Func<string?, AccessScope>? _admit;

    /// <summary>Creates the endpoint over server options (see <see cref="HakiriMcpServer.CreateOptions"/>).</summary>
    /// <param name="serverOptions">The MCP server's options; under access control built with a <see cref="ServerAccess"/>.</param>
    /// <param name="options">Paths, origins and limits.</param>
    /// <param name="admit">
    /// Under access control, admits a request's bearer token (<c>TokenGate.Admit</c>): returns its scope or throws
    /// <see cref="TokenRejectedException"/>. Every request then needs <c>Authorization: Bearer</c>; null = an open store.
    /// </param>
    public McpHttpHandler(McpServerOptions serverOptions, McpHttpOptions? options = null, Func<string?, AccessScope>? admit = null)
    {
        ArgumentNullException.ThrowIfNull(serverOptions);
        _serverOptions = serverOptions;
        _options = options ?? new McpHttpOptions();
        _admit = admit;
    }

    /// <summary>Answers one HTTP request.</summary>
    public async Task<McpHttpResponse> HandleAsync(McpHttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (!_options.Paths.Contains(request.Path, StringComparer.Ordinal))
        {
            return HttpError(404, $"Not found: the MCP endpoint is {_options.Paths[0]}.");
        }

        if (!OriginPolicy.Allows(headers.GetValueOrDefault("Origin"), _options))
        {
            return HttpError(403, $"Forbidden: origin '{headers["Origin"]}' is not allowed to call this MCP server.");
        }

        AccessScope? scope = null;
        if (_admit is not null)
        {
            try
            {
                scope = _admit(AccessPrincipal.TokenOf(headers.GetValueOrDefault("Authorization"), headers.GetValueOrDefault(AccessPrincipal.TokenHeader)));
            }
            catch (TokenRejectedException e)
            {
                var refused = HttpError(401, e.Message);
                return refused with { Headers = new Dictionary<string, string>(refused.Headers) { ["WWW-Authenticate"] = "Bearer" } };
            }
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            var response = HttpError(405, "Method not allowed: this stateless MCP endpoint takes POST only (no GET event stream, no sessions to DELETE).");
            return response with { Headers = new Dictionary<string, string>(response.Headers) { ["Allow"] = "POST" } };
        }

        if (Rejection(headers, request.Body.Length) is { } rejected)
        {
            return rejected;
        }

        JsonRpcMessage? message;
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                var what = document.RootElement.ValueKind == JsonValueKind.Array ? "JSON-RPC batches are not supported" : "the body is not a JSON-RPC object";
                return JsonRpcFailure(400, McpErrorCode.InvalidRequest, $"Invalid request: {what}; send one message per POST.");
            }

            message = document.RootElement.Deserialize(MessageType);
        }
        catch (JsonException e)
        {
            return JsonRpcFailure(400, McpErrorCode.ParseError, $"Parse error: the body is not valid JSON ({e.Message})");
        }
        catch (NotSupportedException e)
        {
            return JsonRpcFailure(400, McpErrorCode.InvalidRequest, $"Invalid request: {e.Message}");
        }

        if (message is not JsonRpcRequest call)
        {
            return message is null
                ? JsonRpcFailure(400, McpErrorCode.InvalidRequest, "Invalid request: not a JSON-RPC 2.0 message.")
                : new McpHttpResponse(202, new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty);
        }

        if (scope is not null)
        {
            call.Context = new JsonRpcMessageContext { User = AccessPrincipal.For(scope) };
        }

        var reply = await AnswerAsync(call, cancellationToken).ConfigureAwait(false);
        return Json(200, reply);
    }

    private McpHttpResponse? Rejection(Dictionary<string, string> headers, int bodyLength)
    {
        var contentType = headers.GetValueOrDefault("Content-Type") ?? string.Empty;
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return HttpError(415, "Unsupported media type: POST a JSON-RPC message with Content-Type: application/json.");
        }

        if (headers.GetValueOrDefault("Accept") is { Length: > 0 } accept
            && !accept.Split(',').Select(a => a.Split(';')[0].Trim()).Any(a => a is "application/json" or "application/*" or "*/*"))
        {
            return HttpError(406, "Not acceptable: this endpoint answers with application/json; include it in Accept.");
        }

        if (bodyLength > _options.MaxBodyBytes)
        {
            return HttpError(413, $"Payload too large: the limit is {_options.MaxBodyBytes} bytes.");
        }

        if (headers.GetValueOrDefault("MCP-Protocol-Version") is { } version && !ProtocolVersions.Contains(version, StringComparer.Ordinal))
        {
            return HttpError(400, $"Bad request: unsupported MCP-Protocol-Version '{version}'; supported: {string.Join(", ", ProtocolVersions)}.");
        }

        return null;
    }

    // Each request gets its own short-lived SDK server, as the SDK's own stateless HTTP mode does: nothing is shared
    // between requests but the options (and the store behind the handlers).
    private async Task<JsonRpcMessage> AnswerAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var transport = new OneShotTransport(request);
        await using (transport.ConfigureAwait(false))
        {
            var server = McpServer.Create(transport, _serverOptions);
            await using (server.ConfigureAwait(false))
            {
                var running = server.RunAsync(timeout.Token);
                try
                {
                    return await transport.Response.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new JsonRpcError
                    {
                        Id = request.Id,
                        Error = new JsonRpcErrorDetail { Code = (int)McpErrorCode.InternalError, Message = $"The request took longer than {_options.RequestTimeout.TotalSeconds:0} s." },
                    };
                }
                finally
                {
                    await transport.DisposeAsync().ConfigureAwait(false);
                    await IgnoreFailure(running).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The exchange is over; a server stopped mid-shutdown has nothing left to say.
        }
    }

    private static McpHttpResponse JsonRpcFailure(int status, McpErrorCode code, string message) =>
        Json(status, new JsonRpcError { Id = default, Error = new JsonRpcErrorDetail { Code = (int)code, Message = message } });

    private static McpHttpResponse HttpError(int status, string message) => JsonRpcFailure(status, McpErrorCode.InvalidRequest, message);

    private static McpHttpResponse Json(int status, JsonRpcMessage message) =>
        new(status, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, JsonSerializer.SerializeToUtf8Bytes(message, MessageType));
}
