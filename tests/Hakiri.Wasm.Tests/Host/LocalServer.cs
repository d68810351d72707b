using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hakiri.Wasm.Tests.Host;

/// <summary>
/// An HTTP server on 127.0.0.1 that counts the TCP connections it accepts (so a test can prove a refused request opened
/// none) and serves: <c>/hello</c>; <c>/echo</c> (method, selected headers and body back as text);
/// <c>/redirect?status=303&amp;to=URL</c>; <c>/loop</c> (redirects to itself); <c>/big?bytes=N[&amp;chunked=1]</c>;
/// <c>/status/N</c>; <c>/hang</c> (never answers); <c>/gate</c> (answers once <see cref="OpenGate"/> is called).
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _requests = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;
    private int _atGate;

    private LocalServer(WebApplication app) => _app = app;

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Requests waiting at <c>/gate</c> (or that went through it).</summary>
    public int ArrivedAtGate => Volatile.Read(ref _atGate);

    /// <summary>"METHOD /path?query" of every request, in arrival order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<LocalServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        LocalServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref server!._connections);
            return next(connection);
        })));
        var app = builder.Build();
        server = new LocalServer(app);
        app.Run(server.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>Lets every request waiting at <c>/gate</c> (and every later one) through.</summary>
    public void OpenGate() => _open.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        OpenGate();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        lock (_gate)
        {
            _requests.Add($"{request.Method} {request.Path}{request.QueryString}");
        }

        var response = context.Response;
        var path = request.Path.Value ?? "/";
        switch (path)
        {
            case "/hello":
                response.Headers["X-Test"] = "a";
                response.Headers.Append("Set-Cookie", "one=1");
                response.Headers.Append("Set-Cookie", "two=2");
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync("héllo, wörld");
                break;
            case "/echo":
                using (var reader = new StreamReader(request.Body, Encoding.UTF8))
                {
                    var body = await reader.ReadToEndAsync();
                    var text = new StringBuilder()
                        .Append("method=").Append(request.Method).Append('\n')
                        .Append("content-type=").Append(request.ContentType).Append('\n')
                        .Append("x-custom=").Append(request.Headers["X-Custom"].ToString()).Append('\n')
                        .Append("authorization=").Append(request.Headers.Authorization.ToString()).Append('\n')
                        .Append("body=").Append(body);
                    await response.WriteAsync(text.ToString());
                }

                break;
            case "/redirect":
                response.StatusCode = int.TryParse(request.Query["status"], out var status) ? status : 302;
                response.Headers.Location = request.Query["to"].ToString();
                break;
            case "/loop":
                response.StatusCode = 302;
                response.Headers.Location = "/loop";
                break;
            case "/big":
                var bytes = int.Parse(request.Query["bytes"]!, System.Globalization.CultureInfo.InvariantCulture);
                if (request.Query["chunked"] != "1")
                {
                    response.ContentLength = bytes;
                }

                var chunk = new byte[1000];
                for (var left = bytes; left > 0; left -= chunk.Length)
                {
                    await response.Body.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)));
                    await response.Body.FlushAsync();
                }

                break;
            case "/hang":
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case "/gate":
                Interlocked.Increment(ref _atGate);
                await _open.Task;
                await response.WriteAsync("through");
                break;
            default:
                response.StatusCode = path.StartsWith("/status/", StringComparison.Ordinal) ? int.Parse(path[8..], System.Globalization.CultureInfo.InvariantCulture) : 404;
                await response.WriteAsync("status page");
                break;
        }
    }
}
