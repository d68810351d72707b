using System.Globalization;
using System.Net.Http.Headers;

namespace Hakiri.Connectors.Http;

/// <summary>How long to wait before the next request: backoff, Retry-After and rate-limit resets.</summary>
internal static class HttpWaits
{
    private static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BackoffCap = TimeSpan.FromSeconds(60);

    /// <summary>Exponential backoff with full jitter: uniform in [0, min(cap, base·2^attempt)].</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(BackoffCap.TotalMilliseconds, BackoffBase.TotalMilliseconds * Math.Pow(2, attempt)));

    /// <summary>The response's Retry-After (seconds or an HTTP-date), or <see langword="null"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : (TimeSpan?)null);
        return wait is { } w ? Max(w, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// When <c>X-RateLimit-Remaining</c> is 0 and <c>X-RateLimit-Reset</c> (epoch seconds) is given: the moment the
    /// window resets; otherwise <see langword="null"/>.
    /// </summary>
    public static DateTimeOffset? ExhaustedUntil(HttpResponseHeaders headers) =>
        Header(headers, "X-RateLimit-Remaining") == 0 && Header(headers, "X-RateLimit-Reset") is { } reset
            ? DateTimeOffset.FromUnixTimeSeconds(reset)
            : null;

    /// <summary>Whether the response says the rate limit is used up (remaining 0), whatever its reset.</summary>
    public static bool Exhausted(HttpResponseHeaders headers) => Header(headers, "X-RateLimit-Remaining") == 0;

    /// <summary>A wait for the log: <c>1.4 s</c>.</summary>
    public static string Format(TimeSpan wait) => wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static long? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
