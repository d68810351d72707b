using System.Net;
using System.Text.Json;
using Hakiri.Mcp;
using Hakiri.Mcp.Http;
using Hakiri.Mcp.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;

namespace Hakiri.Cli.Serving;

/// <summary>
/// Kestrel hosting the C# SDK's Streamable HTTP endpoint (<c>MapMcp</c>, stateless: no sessions, no GET stream) at
/// <see cref="Path"/>, behind Hakiri's Origin check. The slim builder keeps it AOT-safe.
/// </summary>
internal static class HttpHost
{
    /// <summary>The one path that answers MCP.</summary>
    public const string Path = "/mcp";

    public static async Task<int> RunAsync(IPEndPoint endpoint, ContextToolset toolset, McpHttpOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(endpoint);
        });
        builder.Services.AddMcpServer(server => HakiriMcpServer.Configure(server, toolset, HakiriApp.Version))
            .WithHttpTransport(http => http.SessionMode = HttpServerSessionMode.Stateless);
        await using var app = builder.Build();
        app.Use((context, next) => OriginPolicy.Allows(context.Request.Headers.Origin.FirstOrDefault(), options) ? next(context) : ForbidAsync(context));
        app.MapMcp(Path);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: cannot listen on {endpoint}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? $"http://{endpoint}";
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            await error.WriteLineAsync("hakiri serve: warning: listening beyond loopback; anyone who can reach this address can query the store.").ConfigureAwait(false);
        }

        await error.WriteLineAsync($"hakiri serve: MCP over Streamable HTTP at {address.TrimEnd('/')}{Path}").ConfigureAwait(false);
        await error.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop accepting and let in-flight requests finish.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    // A page from a foreign origin must not reach the tools (DNS rebinding); the refusal is a JSON-RPC error like the SDK's own.
    private static async Task ForbidAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "application/json";
        JsonRpcMessage refusal = new JsonRpcError
        {
            Id = default,
            Error = new JsonRpcErrorDetail { Code = (int)McpErrorCode.InvalidRequest, Message = $"Forbidden: origin '{origin}' is not allowed to call this MCP server; start it with --allow-origin {origin} to allow it." },
        };
        await JsonSerializer.SerializeAsync(context.Response.Body, refusal, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)), context.RequestAborted).ConfigureAwait(false);
    }
}
