using System.Net;
using Hakiri.Mcp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hakiri.Cli.Serving;

/// <summary>
/// Kestrel in front of <see cref="McpHttpHandler"/>: the slim, AOT-safe builder, no routing or middleware, every request
/// handed to the handler as is (it answers 404 for paths other than /mcp).
/// </summary>
internal static class HttpHost
{
    public static async Task<int> RunAsync(IPEndPoint endpoint, McpHttpHandler handler, TextWriter error, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = handler.Options.MaxBodyBytes;
            kestrel.Listen(endpoint);
        });
        await using var app = builder.Build();
        app.Run(context => ServeAsync(context, handler));
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

        await error.WriteLineAsync($"hakiri serve: MCP over Streamable HTTP at {address.TrimEnd('/')}{handler.Options.Paths[0]}").ConfigureAwait(false);
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

    private static async Task ServeAsync(HttpContext context, McpHttpHandler handler)
    {
        var request = context.Request;
        if (request.ContentLength > handler.Options.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var body = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var answer = await handler.HandleAsync(new McpHttpRequest(request.Method, request.Path.Value ?? "/", headers, body.GetBuffer().AsMemory(0, (int)body.Length)), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (!answer.Body.IsEmpty)
        {
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
