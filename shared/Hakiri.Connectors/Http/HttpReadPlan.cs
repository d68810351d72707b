using System.Text.Json;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Http;

/// <summary>
/// What the page engine runs: an <see cref="HttpSourceManifest"/> normalised, plus the knobs presets (GitHub) need.
/// </summary>
/// <param name="Pipeline">The pipeline name, first word of every message.</param>
/// <param name="Url">Base URL and path, without query secrets.</param>
/// <param name="Records">Dotted path to the records array; empty when the body is the array.</param>
/// <param name="Params">Fixed query parameters, in order.</param>
/// <param name="Headers">Fixed request headers (not secret).</param>
/// <param name="Auth">How requests authenticate.</param>
/// <param name="Pagination">How the API pages.</param>
/// <param name="Incremental">The incremental cursor, if any.</param>
/// <param name="Limits">Timeouts, retries and guards.</param>
internal sealed record HttpReadPlan(
    string Pipeline,
    string Url,
    string Records,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    HttpAuth Auth,
    HttpPagination Pagination,
    HttpIncremental? Incremental,
    HttpLimits Limits)
{
    /// <summary>The longest pause (rate-limit reset, Retry-After) the engine sleeps through before failing RateLimited instead.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromMinutes(15);

    /// <summary>Whether an unset auth variable means "unauthenticated" rather than an error.</summary>
    public bool AuthOptional { get; init; }

    /// <summary>Whether the first request of a run sends the previous run's ETag as <c>If-None-Match</c>.</summary>
    public bool Conditional { get; init; }

    /// <summary>Records to keep (others are dropped after they count for paging and the incremental cursor).</summary>
    public Func<JsonElement, bool>? Include { get; init; }

    /// <summary>The longest pause slept through; see <see cref="DefaultMaxWait"/>.</summary>
    public TimeSpan MaxWait { get; init; } = DefaultMaxWait;

    /// <summary>What to check on 401/403 when the request carried no credentials (the GitHub preset names its token variable).</summary>
    public string? UnauthenticatedHint { get; init; }

    /// <summary>What to check on 404, as the end of a sentence.</summary>
    public string NotFoundHint { get; init; } = "check base_url and path of the pipeline's source";

    /// <summary>The plan of a manifest's <c>http</c> source.</summary>
    public static HttpReadPlan From(string pipeline, HttpSourceManifest manifest) => new(
        pipeline,
        Join(manifest.BaseUrl, manifest.Path),
        manifest.Records ?? string.Empty,
        manifest.Params.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
        manifest.Headers.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
        manifest.Auth,
        manifest.Pagination,
        manifest.Incremental,
        manifest.Limits);

    /// <summary><paramref name="baseUrl"/> and <paramref name="path"/> with exactly one slash between them.</summary>
    public static string Join(string baseUrl, string? path) =>
        string.IsNullOrEmpty(path) ? baseUrl : baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
