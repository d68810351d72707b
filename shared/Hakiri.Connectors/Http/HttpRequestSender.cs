using System.IO.Compression;
using System.Net;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Http;

/// <summary>
/// Sends one logical GET: credentials and standard headers on, a per-request timeout, retries with backoff and full
/// jitter on 5xx, dropped connections and timeouts, Retry-After and rate-limit resets honoured (up to
/// <see cref="HttpReadPlan.MaxWait"/>), and every failure turned into a <see cref="ConnectorException"/> sentence.
/// </summary>
internal sealed class HttpRequestSender : IDisposable
{
    private readonly HttpReadPlan _plan;
    private readonly ConnectorServices _services;
    private readonly HttpCredentials _credentials;
    private readonly HttpClient _client;
    private DateTimeOffset? _pausedUntil;

    public HttpRequestSender(HttpReadPlan plan, ConnectorServices services, HttpCredentials credentials)
    {
        _plan = plan;
        _services = services;
        _credentials = credentials;
        _client = new HttpClient(services.Http, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>GETs <paramref name="url"/> (secret-free; credentials are added here).</summary>
    public async Task<HttpFetch> GetAsync(string url, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var shown = _credentials.RedactUrl(url);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, _plan.Limits.TimeoutSeconds));
        var maxRetries = Math.Max(0, _plan.Limits.MaxRetries);
        for (var attempt = 0; ; attempt++)
        {
            await PauseForResetAsync(shown, cancellationToken).ConfigureAwait(false);
            HttpFailure failure;
            using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Real time on purpose: a network timeout is a property of the wire, not of the (possibly simulated) clock.
                timeoutSource.CancelAfter(timeout);
                try
                {
                    using var request = CreateRequest(url, ifNoneMatch);
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
                    NoteRateLimit(response);
                    if (response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.NotModified && ifNoneMatch is not null))
                    {
                        var body = await ReadBodyAsync(response, timeoutSource.Token).ConfigureAwait(false);
                        var links = response.Headers.TryGetValues("Link", out var values) ? values.ToArray() : [];
                        return new HttpFetch(response.StatusCode, body, links, response.Headers.ETag?.ToString());
                    }

                    failure = Classify(response, shown);
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    failure = new HttpFailure($"failed ({_credentials.Redact(e.Message)})", ConnectorErrorKind.Transient, Inner: e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new HttpFailure($"timed out after {HttpWaits.Format(timeout)}", ConnectorErrorKind.Transient, Inner: e);
                }
            }

            var wait = failure.Wait ?? HttpWaits.Backoff(attempt);
            if (attempt >= maxRetries)
            {
                throw HttpErrors.Exhausted(_plan, shown, failure, attempt + 1, wait);
            }

            if (wait > _plan.MaxWait)
            {
                throw HttpErrors.WaitTooLong(_plan, shown, wait);
            }

            _services.Log?.Invoke($"{_plan.Pipeline}: GET {shown} {failure.What}; retry {attempt + 1}/{maxRetries} in {HttpWaits.Format(wait)}");
            await Task.Delay(wait, _services.Clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private HttpRequestMessage CreateRequest(string url, string? ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _credentials.ApplyToUrl(url));
        var headers = request.Headers;
        headers.TryAddWithoutValidation("Accept", "application/json");
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        headers.TryAddWithoutValidation("User-Agent", "hakiri/0.1");
        foreach (var (name, value) in _plan.Headers)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }

        if (ifNoneMatch is not null)
        {
            headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        _credentials.ApplyToHeaders(headers);
        return request;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // A handler without AutomaticDecompression hands gzip through; decode it here so any handler works.
            var gzip = response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase);
            var source = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    private HttpFailure Classify(HttpResponseMessage response, string shown)
    {
        var status = (int)response.StatusCode;
        var now = _services.Clock.GetUtcNow();
        var described = HttpErrors.Describe(response);
        if (status == 429 || (status == 403 && (response.Headers.RetryAfter is not null || HttpWaits.Exhausted(response.Headers))))
        {
            var wait = HttpWaits.RetryAfter(response, now);
            if (wait is null && HttpWaits.ExhaustedUntil(response.Headers) is { } reset)
            {
                wait = reset > now ? reset - now : TimeSpan.Zero;
                _pausedUntil = null;
            }

            return new HttpFailure($"returned {described} (rate limited)", ConnectorErrorKind.RateLimited, wait);
        }

        if (status >= 500 || status == 408)
        {
            return new HttpFailure($"returned {described}", ConnectorErrorKind.Transient);
        }

        throw HttpErrors.Refused(_plan, _credentials, shown, status, described);
    }

    private void NoteRateLimit(HttpResponseMessage response)
    {
        if (HttpWaits.ExhaustedUntil(response.Headers) is { } reset && reset > _services.Clock.GetUtcNow())
        {
            _pausedUntil = reset;
        }
    }

    private async Task PauseForResetAsync(string shown, CancellationToken cancellationToken)
    {
        if (_pausedUntil is not { } until)
        {
            return;
        }

        _pausedUntil = null;
        var wait = until - _services.Clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > _plan.MaxWait)
        {
            throw HttpErrors.WaitTooLong(_plan, shown, wait);
        }

        _services.Log?.Invoke($"{_plan.Pipeline}: rate limit used up (X-RateLimit-Remaining: 0); pausing {HttpWaits.Format(wait)} until it resets before GET {shown}");
        await Task.Delay(wait, _services.Clock, cancellationToken).ConfigureAwait(false);
    }
}
