using System.Text.Json;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Http;

/// <summary>
/// The page engine: fetches the pages of one read in order, each with its records, its secret-free locator and the
/// cursor that resumes right after it. Opened with a mid-read cursor it continues that read; with an end-of-read
/// cursor it starts the next run from the incremental high-water mark (and the previous first page's ETag).
/// </summary>
internal sealed class HttpPager : IDisposable
{
    private readonly HttpReadPlan _plan;
    private readonly HttpCredentials _credentials;
    private readonly HttpRequestSender _sender;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private HttpCursorState _state;
    private ReadOnlyMemory<byte> _cursor;
    private bool _done;

    /// <summary>Opens a read; secrets are read from the environment here, so a missing variable fails the open.</summary>
    public HttpPager(HttpReadPlan plan, ConnectorServices services, ReadOnlyMemory<byte>? cursor)
    {
        HttpPlanCheck.Validate(plan);
        _plan = plan;
        _credentials = HttpCredentials.Resolve(plan.Pipeline, plan.Auth, services.Environment, plan.AuthOptional);
        if (cursor is { Length: > 0 } given)
        {
            _state = HttpCursorState.TryParse(given.Span) ?? throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"{plan.Pipeline}: the stored cursor was not written by this version of the http connector; reset the pipeline's cursor to read from the start.");
            _cursor = given.ToArray();
        }
        else
        {
            _state = new HttpCursorState();
            _cursor = _state.ToBytes();
        }

        _sender = new HttpRequestSender(plan, services, _credentials);
    }

    /// <summary>The cursor after the last page returned (the opening cursor before any).</summary>
    public ReadOnlyMemory<byte> Cursor => _cursor;

    /// <summary>Whether another page may follow: false once the last page was read.</summary>
    public bool HasMore => !_done;

    /// <summary>The next page, or <see langword="null"/> at the end of the read (or when a conditional request found nothing changed).</summary>
    public async ValueTask<HttpPage?> NextPageAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return null;
        }

        var url = CurrentUrl();
        var shown = _credentials.RedactUrl(url);
        if (_state.Pages >= _plan.Limits.MaxPages)
        {
            throw HttpErrors.TooManyPages(_plan, shown);
        }

        var startOfRun = !_state.MidRead;
        _seen.Add(Canonical(url));
        var fetch = await _sender.GetAsync(url, _plan.Conditional && startOfRun ? _state.ETag : null, cancellationToken).ConfigureAwait(false);
        if (fetch.NotModified)
        {
            _done = true;
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(fetch.Body);
        }
        catch (JsonException e)
        {
            throw HttpErrors.Malformed(_plan, shown, e);
        }

        try
        {
            if (!JsonPath.TryGet(document.RootElement, _plan.Records, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw HttpErrors.NoRecords(_plan, shown);
            }

            var all = array.EnumerateArray().ToArray();
            var max = _state.Max;
            if (_plan.Incremental is { } incremental)
            {
                foreach (var record in all)
                {
                    max = JsonPath.TryGet(record, incremental.Field, out var value) ? IncrementalValue.Max(max, value) : max;
                }
            }

            var next = Advance(fetch, document.RootElement, all.Length, url, shown) with
            {
                Since = _state.Since,
                Max = max,
                Pages = _state.Pages + 1,
                ETag = _state.ETag,
                ReadETag = !_plan.Conditional ? null : startOfRun ? fetch.ETag : _state.ReadETag,
            };
            _done = !next.MidRead;
            _state = _done ? next.Ended() : next;
            _cursor = _state.ToBytes();
            var records = _plan.Include is { } include ? all.Where(include).ToArray() : all;
            return new HttpPage(document, records, shown, _cursor);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sender.Dispose();

    private string CurrentUrl()
    {
        var pagination = _plan.Pagination;
        var parameters = new List<KeyValuePair<string, string>>(_plan.Params);
        if (_plan.Incremental is { } incremental && _state.Since is { } since)
        {
            parameters.Add(new(incremental.Param, IncrementalValue.ToParameter(since)));
        }

        if (pagination.LimitParam is { Length: > 0 } limitParam && pagination.Limit is { } limit)
        {
            parameters.Add(new(limitParam, limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        switch (pagination.Kind)
        {
            case HttpPaginationKind.Link or HttpPaginationKind.NextUrl when _state.NextUrl is { } nextUrl:
                return nextUrl;
            case HttpPaginationKind.Cursor when _state.NextCursor is { } nextCursor:
                parameters.Add(new(pagination.Param!, nextCursor));
                break;
            case HttpPaginationKind.Offset or HttpPaginationKind.Page:
                parameters.Add(new(pagination.Param!, (_state.Position ?? pagination.Start).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
        }

        return QueryString.Append(_plan.Url, parameters);
    }

    private HttpCursorState Advance(HttpFetch fetch, JsonElement body, int received, string url, string shown)
    {
        var pagination = _plan.Pagination;
        var limit = pagination.Limit;
        var lastPage = received == 0 || (limit is { } l && received < l);
        switch (pagination.Kind)
        {
            case HttpPaginationKind.Link:
                return new() { NextUrl = ResolveNext(LinkHeader.Find(fetch.Links, "next"), url, shown) };
            case HttpPaginationKind.NextUrl:
                return new() { NextUrl = ResolveNext(JsonPath.GetText(body, pagination.Field), url, shown) };
            case HttpPaginationKind.Cursor:
                var cursor = JsonPath.GetText(body, pagination.Field);
                if (cursor is not null && !_seen.Add("cursor:" + cursor))
                {
                    throw HttpErrors.Loop(_plan, shown, $"cursor '{_credentials.Redact(cursor)}'");
                }

                return new() { NextCursor = cursor };
            case HttpPaginationKind.Offset:
                return new() { Position = lastPage ? null : (_state.Position ?? pagination.Start) + received };
            case HttpPaginationKind.Page:
                return new() { Position = lastPage ? null : (_state.Position ?? pagination.Start) + 1 };
            default:
                return new();
        }
    }

    private string? ResolveNext(string? next, string url, string shown)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        if (!Uri.TryCreate(new Uri(url), next.Trim(), out var resolved) || resolved.Scheme is not ("http" or "https"))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"{_plan.Pipeline}: GET {shown} named a next page that is not an http(s) URL ('{_credentials.Redact(next)}'); check the pagination settings of the pipeline's source.");
        }

        var clean = _credentials.RedactUrl(resolved.AbsoluteUri);
        if (_seen.Contains(Canonical(clean)))
        {
            throw HttpErrors.Loop(_plan, shown, clean);
        }

        return clean;
    }

    private static string Canonical(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : url;
}
