using System.Net;
using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;
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
/// <see cref="Path"/>, behind Hakiri's Origin check and, under access control, its bearer-token check: each request is
/// admitted on its own and its scope travels to the tool handlers as <c>HttpContext.User</c>. The slim builder keeps it AOT-safe.
/// </summary>
internal static class HttpHost
{
    /// <summary>The one path that answers MCP.</summary>
    public const string Path = "/mcp";

    public static async Task<int> RunAsync(
        IPEndPoint endpoint, ContextToolset toolset, McpHttpOptions options, Func<string?, AccessScope>? admit, TextWriter error, CancellationToken cancellationToken)
    {
        await using var app = Build(endpoint, toolset, options, admit);
        return await ServeAsync(app, endpoint, admit is not null, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The endpoint, not started: the Origin check, the bearer check when <paramref name="admit"/> is set, then MCP.</summary>
    public static WebApplication Build(IPEndPoint endpoint, ContextToolset toolset, McpHttpOptions options, Func<string?, AccessScope>? admit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(endpoint);
        });
        var access = admit is null ? null : new ServerAccess();
        builder.Services.AddMcpServer(server => HakiriMcpServer.Configure(server, toolset, HakiriApp.Version, access))
            .WithHttpTransport(http => http.SessionMode = HttpServerSessionMode.Stateless);
        var app = builder.Build();
        app.Use((context, next) => OriginPolicy.Allows(context.Request.Headers.Origin.FirstOrDefault(), options) ? next(context) : ForbidAsync(context));
        if (admit is not null)
        {
            app.Use((context, next) => AdmitAsync(context, next, admit));
        }

        app.MapMcp(Path);
        return app;
    }

    /// <summary>Starts serving; returns the exit code once <paramref name="cancellationToken"/> fires.</summary>
    private static async Task<int> ServeAsync(WebApplication app, IPEndPoint endpoint, bool tokens, TextWriter error, CancellationToken cancellationToken)
    {
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
            await error.WriteLineAsync(!tokens
                ? "hakiri serve: warning: listening beyond loopback; anyone who can reach this address can query the store (add [access] to require tokens)."
                : "hakiri serve: warning: listening beyond loopback over plain HTTP; tokens travel unencrypted, so put a TLS proxy in front.").ConfigureAwait(false);
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

    // Stateless: every request is verified on its own; nothing about a caller outlives its request.
    private static Task AdmitAsync(HttpContext context, RequestDelegate next, Func<string?, AccessScope> admit)
    {
        AccessScope scope;
        try
        {
            scope = admit(AccessPrincipal.TokenOf(context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers[AccessPrincipal.TokenHeader].FirstOrDefault()));
        }
        catch (TokenRejectedException e)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return RefuseAsync(context, StatusCodes.Status401Unauthorized, e.Message);
        }

        context.User = AccessPrincipal.For(scope);
        return next(context);
    }

    // A page from a foreign origin must not reach the tools (DNS rebinding); the refusal is a JSON-RPC error like the SDK's own.
    private static Task ForbidAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        return RefuseAsync(context, StatusCodes.Status403Forbidden, $"Forbidden: origin '{origin}' is not allowed to call this MCP server; start it with --allow-origin {origin} to allow it.");
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        JsonRpcMessage refusal = new JsonRpcError
        {
            Id = default,
            Error = new JsonRpcErrorDetail { Code = (int)McpErrorCode.InvalidRequest, Message = message },
        };
        await JsonSerializer.SerializeAsync(context.Response.Body, refusal, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)), context.RequestAborted).ConfigureAwait(false);
    }
}
