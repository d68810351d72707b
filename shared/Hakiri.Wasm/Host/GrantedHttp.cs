using System.Buffers;
using System.Net;

namespace Hakiri.Wasm.Host;

/// <summary>
/// A guest's <c>http-fetch</c>: checks the URL's host and port against the grants before anything is sent, follows
/// redirects itself (checking every hop the same way), caps requests in flight and the body's size, and returns any
/// status to the guest as it came.
/// </summary>
internal sealed class GrantedHttp : IDisposable
{
    // Headers that carry credentials: not sent on to another origin after a redirect.
    private static readonly HashSet<string> CredentialHeaders = new(["Authorization", "Proxy-Authorization", "Cookie"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> ContentHeaders = new(
        ["Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified"],
        StringComparer.OrdinalIgnoreCase);

    private readonly string _connector;
    private readonly ConnectorGrants _grants;
    private readonly GrantedHostLimits _limits;
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _inFlight;
    private readonly CancellationToken _cancellationToken;
    private long _sent;
    private long _waiting;

    public GrantedHttp(string connector, ConnectorGrants grants, HttpMessageHandler handler, GrantedHostLimits limits, CancellationToken cancellationToken)
    {
        RedirectFreeHandler.Ensure(handler);
        _connector = connector;
        _grants = grants;
        _limits = limits;
        _client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _inFlight = new SemaphoreSlim(limits.HttpRequestsInFlight, limits.HttpRequestsInFlight);
        _cancellationToken = cancellationToken;
    }

    public long RequestsSent => Interlocked.Read(ref _sent);

    public long Waiting => Interlocked.Read(ref _waiting);

    public GuestHttpResponse Fetch(GuestHttpRequest request) => FetchAsync(request).GetAwaiter().GetResult();

    public void Dispose()
    {
        _client.Dispose();
        _inFlight.Dispose();
    }

    private async Task<GuestHttpResponse> FetchAsync(GuestHttpRequest request)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw FetchErrors.NotHttp(_connector, request.Url);
        }

        CheckGranted(url, redirectedFrom: null);
        var method = ParseMethod(request.Method);
        var headers = CheckHeaders(request.Headers, url);
        var body = request.Body;
        var first = url;
        await EnterAsync().ConfigureAwait(false);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
                timeout.CancelAfter(_limits.HttpTimeout);
                try
                {
                    using var message = Build(method, url, headers, body);
                    using var response = await SendAsync(message, url, timeout.Token).ConfigureAwait(false);
                    if (RedirectTarget(response, url) is not { } next)
                    {
                        var content = method == HttpMethod.Head ? [] : await ReadBodyAsync(response, method, url, timeout.Token).ConfigureAwait(false);
                        return new GuestHttpResponse((int)response.StatusCode, GuestHeaders(response), content);
                    }

                    if (redirects == _limits.MaxRedirects)
                    {
                        throw FetchErrors.TooManyRedirects(_connector, method.Method, first, _limits.MaxRedirects);
                    }

                    CheckRedirect(url, next);
                    if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther)
                    {
                        // 307 and 308 promise the same request again; the older codes (and 303 by definition) become a GET.
                        method = method == HttpMethod.Head ? method : HttpMethod.Get;
                        body = null;
                    }

                    if (!SameOrigin(url, next))
                    {
                        headers = [.. headers.Where(h => !CredentialHeaders.Contains(h.Key))];
                    }

                    url = next;
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !_cancellationToken.IsCancellationRequested)
                {
                    throw FetchErrors.Failed(_connector, method.Method, url, e);
                }
                catch (OperationCanceledException e) when (!_cancellationToken.IsCancellationRequested)
                {
                    throw FetchErrors.TimedOut(_connector, method.Method, url, _limits.HttpTimeout, e);
                }
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task EnterAsync()
    {
        if (_inFlight.Wait(0, _cancellationToken))
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _inFlight.WaitAsync(_cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, Uri url, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // A redirecting handler rewrites the request's URI to the last hop's; a handler that slipped past
        // RedirectFreeHandler (an unknown type) is caught here, so its unchecked hop never reaches the guest.
        if (!Equals(message.RequestUri, url))
        {
            var reached = message.RequestUri;
            response.Dispose();
            throw FetchErrors.HandlerRedirected(url, reached);
        }

        return response;
    }

    private void CheckGranted(Uri url, Uri? redirectedFrom)
    {
        if (!_grants.AllowsHost(url.IdnHost, url.Port))
        {
            throw FetchErrors.NotGranted(_connector, url, redirectedFrom);
        }
    }

    private void CheckRedirect(Uri from, Uri to)
    {
        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps)
        {
            throw FetchErrors.RedirectNotHttp(_connector, from, to);
        }

        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
        {
            throw FetchErrors.Downgrade(_connector, from, to);
        }

        CheckGranted(to, from);
    }

    private static Uri? RedirectTarget(HttpResponseMessage response, Uri url) =>
        response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
        && response.Headers.Location is { } location
            ? new Uri(url, location)
            : null;

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    private HttpMethod ParseMethod(string method)
    {
        if (method.Length == 0 || method.Any(c => c <= ' ' || c >= '\u007F' || "\"(),/:;<=>?@[\\]{}".Contains(c)))
        {
            throw FetchErrors.BadMethod(_connector, method);
        }

        return HttpMethod.Parse(method);
    }

    private List<KeyValuePair<string, string>> CheckHeaders(IReadOnlyList<KeyValuePair<string, string>> headers, Uri url)
    {
        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                throw FetchErrors.HostHeader(_connector, url);
            }

            // Request headers are checked by name here; a value with a line break would otherwise fail only when sent.
            var nameValid = ContentHeaders.Contains(name) || probe.Headers.TryAddWithoutValidation(name, "x");
            if (!nameValid || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw FetchErrors.BadHeader(_connector, name, url);
            }
        }

        return [.. headers];
    }

    private static HttpRequestMessage Build(HttpMethod method, Uri url, List<KeyValuePair<string, string>> headers, byte[]? body)
    {
        var message = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (!ContentHeaders.Contains(name))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
            else if (message.Content is not null && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                // Content-Length comes from the body itself; other content headers go with a body or not at all.
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        var max = _limits.MaxResponseBodyBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw FetchErrors.TooLarge(_connector, method.Method, url, max);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > max)
                    {
                        throw FetchErrors.TooLarge(_connector, method.Method, url, max);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    private static List<KeyValuePair<string, string>> GuestHeaders(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value));
            }
        }

        return headers;
    }
}
