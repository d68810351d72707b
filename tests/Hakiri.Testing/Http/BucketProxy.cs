using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Testing.Http;

/// <summary>
/// A loopback HTTP proxy in front of an object store emulator (moto_server) that can misbehave the way real buckets
/// and networks do: ignore conditional headers (<see cref="StripConditions"/>, a bucket that does not enforce
/// If-None-Match / If-Match), or stall every PUT whose path contains a marker after some of them went through
/// (<see cref="StallPutsAfter"/>, a push frozen mid-upload, for tests that kill it).
/// </summary>
public sealed class BucketProxy : IAsyncDisposable
{
    private static readonly HashSet<string> Hop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Expect", "Keep-Alive" };
    private readonly WebApplication _app;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Uri _target;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _puts;

    private BucketProxy(WebApplication app, Uri target)
    {
        _app = app;
        _target = target;
    }

    /// <summary>The proxy's endpoint, e.g. <c>http://127.0.0.1:41234</c> (pass as <c>AWS_ENDPOINT_URL</c>).</summary>
    public string Endpoint => _app.Urls.First();

    /// <summary>Drop <c>If-None-Match</c> and <c>If-Match</c> from every request.</summary>
    public bool StripConditions { get; set; }

    /// <summary>After this many PUTs whose path contains <see cref="StallMarker"/>, hold the next ones until <see cref="Release"/>.</summary>
    public int? StallPutsAfter { get; set; }

    /// <summary>The path fragment that selects the PUTs to stall (<c>/blobs/</c> by default).</summary>
    public string StallMarker { get; set; } = "/blobs/";

    /// <summary>Completes when the first PUT is being held.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Lets held PUTs through.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Starts a proxy to <paramref name="target"/> on a free loopback port.</summary>
    public static async Task<BucketProxy> StartAsync(string target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new BucketProxy(app, new Uri(target));
        app.Run(proxy.ForwardAsync);
        await app.StartAsync().ConfigureAwait(false);
        return proxy;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Method == "PUT" && request.Path.Value!.Contains(StallMarker, StringComparison.Ordinal)
            && StallPutsAfter is { } after && Interlocked.Increment(ref _puts) > after)
        {
            _stalled.TrySetResult();
            await _release.Task.WaitAsync(http.RequestAborted).ConfigureAwait(false);
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Path.Value + request.QueryString.Value));
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
        body.Position = 0;
        forward.Content = new StreamContent(body);
        foreach (var (name, values) in request.Headers)
        {
            if (Hop.Contains(name) || (StripConditions && name is "If-None-Match" or "If-Match"))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        forward.Headers.Host = _target.Authority;
        using var response = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!Hop.Contains(name))
            {
                http.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }
}
