using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Hakiri.LocalLambda;

/// <summary>
/// The Lambda Runtime API (2018-06-01) for one function instance, on 127.0.0.1: hands queued invocations to the
/// bootstrap's <c>next</c> long-poll and completes them when it posts a response or an error.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TaskCompletionSource<DateTime> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _initError;

    public RuntimeApiServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>When the bootstrap first asked for an invocation (UTC): the end of its cold start.</summary>
    public Task<DateTime> FirstNextRequest => _firstNext.Task;

    public async Task<string> InvokeAsync(string payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_initError is { } init)
        {
            throw new LambdaInvocationException("Runtime.InitError", init);
        }

        var invocation = new PendingInvocation(Guid.NewGuid().ToString(), payload, timeout);
        await _queue.Writer.WriteAsync(invocation, cancellationToken).ConfigureAwait(false);
        // The timeout runs from when the function takes the invocation, not while it waits behind another: on Lambda
        // concurrent invocations get execution environments of their own, here they queue for this one.
        await Task.WhenAny(invocation.Started.Task, invocation.Result.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await invocation.Result.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fails everything waiting: the function process is gone.</summary>
    public void FailAll(string reason)
    {
        _initError ??= reason;
        foreach (var pending in _inFlight.Values)
        {
            pending.Result.TrySetException(new LambdaInvocationException("Runtime.ExitError", reason));
        }

        while (_queue.Reader.TryRead(out var queued))
        {
            queued.Result.TrySetException(new LambdaInvocationException("Runtime.ExitError", reason));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the loop with one of these.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? string.Empty;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                _firstNext.TrySetResult(DateTime.UtcNow);
                var next = await _queue.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                _inFlight[next.RequestId] = next;
                var deadline = DateTimeOffset.UtcNow.Add(next.Timeout).ToUnixTimeMilliseconds();
                next.Started.TrySetResult();
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:local:000000000000:function:hakiri-local";
                response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{next.RequestId.Replace("-", string.Empty, StringComparison.Ordinal)[..24]};Sampled=0";
                await WriteAsync(response, 200, next.Payload).ConfigureAwait(false);
                return;
            }

            var body = await new StreamReader(context.Request.InputStream, Encoding.UTF8).ReadToEndAsync().ConfigureAwait(false);
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (context.Request.HttpMethod == "POST" && parts is ["2018-06-01", "runtime", "invocation", var id, var kind] && _inFlight.TryRemove(id, out var pending))
            {
                if (kind == "response")
                {
                    pending.Result.TrySetResult(body);
                }
                else
                {
                    var (type, message) = ReadError(body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"]);
                    pending.Result.TrySetException(new LambdaInvocationException(type, message));
                }

                await WriteAsync(response, 202, "{\"status\":\"OK\"}").ConfigureAwait(false);
                return;
            }

            if (context.Request.HttpMethod == "POST" && path == "/2018-06-01/runtime/init/error")
            {
                var (type, message) = ReadError(body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"]);
                FailAll($"{type}: {message}");
                await WriteAsync(response, 202, "{\"status\":\"OK\"}").ConfigureAwait(false);
                return;
            }

            await WriteAsync(response, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"InvalidRequest\"}").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            response.Abort();
        }
    }

    private static (string Type, string Message) ReadError(string body, string? headerType)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var type = json.RootElement.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            var message = json.RootElement.TryGetProperty("errorMessage", out var m) ? m.GetString() : null;
            return (type ?? headerType ?? "Unhandled", message ?? body);
        }
        catch (JsonException)
        {
            return (headerType ?? "Unhandled", body);
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed record PendingInvocation(string RequestId, string Payload, TimeSpan Timeout)
    {
        /// <summary>Completed when the function takes the invocation (its <c>next</c> request): its timeout starts.</summary>
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
