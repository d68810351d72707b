using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Testing.Http;

/// <summary>
/// A REST API on 127.0.0.1 that serves realistic ticket records (nested objects, lists, nulls, non-ASCII text) page
/// by page with RFC 8288 Link headers: <c>GET /tickets?page=N&amp;per_page=M[&amp;updated_after=T]</c>, ordered by
/// (updated_at, id), <c>updated_after</c> exclusive. Tests change the data between runs (<see cref="Touch"/>,
/// <see cref="Add"/>) and read <see cref="Requests"/>. With <see cref="Token"/> set, requests need that bearer token.
/// </summary>
public sealed class TicketsApi : IAsyncDisposable
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(long Id, DateTimeOffset UpdatedAt)> _tickets = [];
    private (long Id, DateTimeOffset UpdatedAt)[]? _sorted;
    private long _requests;
    private int _failures;

    private TicketsApi(WebApplication app, int count)
    {
        _app = app;
        Add(count);
    }

    /// <summary>The API's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>Requests served so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The bearer token requests must carry, or <see langword="null"/> for none.</summary>
    public string? Token { get; set; }

    /// <summary>How long every request waits before it is answered (a slow API).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answer the next <paramref name="count"/> requests with 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>Starts the API with <paramref name="count"/> tickets.</summary>
    public static async Task<TicketsApi> StartAsync(int count)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new TicketsApi(app, count);
        app.MapGet("/tickets", api.ServeAsync);
        await app.StartAsync().ConfigureAwait(false);
        return api;
    }

    /// <summary>Adds tickets with new ids, updated after every existing one.</summary>
    public void Add(int count)
    {
        lock (_gate)
        {
            var next = _tickets.Count == 0 ? 1 : _tickets.Max(t => t.Id) + 1;
            var time = _tickets.Count == 0 ? Epoch : _tickets.Max(t => t.UpdatedAt);
            for (var i = 0; i < count; i++)
            {
                _tickets.Add((next + i, time.AddSeconds(i + 1)));
            }

            _sorted = null;
        }
    }

    /// <summary>Marks tickets as updated now (after every other).</summary>
    public void Touch(params long[] ids)
    {
        lock (_gate)
        {
            var time = _tickets.Max(t => t.UpdatedAt);
            for (var i = 0; i < _tickets.Count; i++)
            {
                var at = Array.IndexOf(ids, _tickets[i].Id);
                if (at >= 0)
                {
                    _tickets[i] = (_tickets[i].Id, time.AddSeconds(at + 1));
                }
            }

            _sorted = null;
        }
    }

    /// <summary>Marks every ticket as updated (in id order, after every current time): the next incremental read gets all.</summary>
    public void TouchAll()
    {
        lock (_gate)
        {
            var time = _tickets.Max(t => t.UpdatedAt);
            for (var i = 0; i < _tickets.Count; i++)
            {
                _tickets[i] = (_tickets[i].Id, time.AddSeconds(i + 1));
            }

            _sorted = null;
        }
    }

    /// <summary>How many tickets the API holds.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _tickets.Count;
            }
        }
    }

    /// <summary>The largest updated_at, as the API writes it.</summary>
    public string MaxUpdatedAt()
    {
        lock (_gate)
        {
            return Format(_tickets.Max(t => t.UpdatedAt));
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, http.RequestAborted).ConfigureAwait(false);
        }

        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            http.Response.StatusCode = 503;
            return;
        }

        if (Token is { } token && http.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            http.Response.StatusCode = 401;
            return;
        }

        var query = http.Request.Query;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? pp : 30;
        var after = DateTimeOffset.TryParse(query["updated_after"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a) ? a : (DateTimeOffset?)null;
        (long Id, DateTimeOffset UpdatedAt)[] sorted;
        lock (_gate)
        {
            sorted = _sorted ??= [.. _tickets.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id)];
        }

        var first = after is null ? 0 : FirstAfter(sorted, after.Value);
        var selected = new ArraySegment<(long Id, DateTimeOffset UpdatedAt)>(sorted, first, sorted.Length - first);
        var start = Math.Min((page - 1) * perPage, selected.Count);
        var slice = selected.Slice(start, Math.Min(perPage, selected.Count - start));
        if (page * perPage < selected.Count)
        {
            var next = new StringBuilder($"{BaseUrl}/tickets?page={page + 1}&per_page={perPage}");
            if (query.ContainsKey("updated_after"))
            {
                next.Append("&updated_after=").Append(Uri.EscapeDataString(query["updated_after"].ToString()));
            }

            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("total", selected.Count);
        writer.WriteStartArray("data");
        foreach (var (id, updatedAt) in slice)
        {
            WriteTicket(writer, id, updatedAt);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
    }

    // The index of the first ticket updated strictly after the given time.
    private static int FirstAfter((long Id, DateTimeOffset UpdatedAt)[] sorted, DateTimeOffset after)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].UpdatedAt <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static void WriteTicket(Utf8JsonWriter writer, long id, DateTimeOffset updatedAt)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", id);
        writer.WriteString("title", $"Ticket {id}: café crème — 東京 order #{id % 977}");
        writer.WriteString("state", id % 3 == 0 ? "closed" : "open");
        writer.WriteString("updated_at", Format(updatedAt));
        if (id % 4 == 0)
        {
            writer.WriteNull("assignee");
        }
        else
        {
            writer.WriteStartObject("assignee");
            writer.WriteString("login", $"agent-{id % 13}");
            writer.WriteNumber("id", 1000 + (id % 13));
            writer.WriteEndObject();
        }

        writer.WriteStartArray("labels");
        for (var i = 0; i < id % 3; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", i == 0 ? "bug" : "prioridad-alta");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (id % 5 == 0)
        {
            writer.WriteNull("score");
        }
        else
        {
            writer.WriteNumber("score", id % 100 / 4.0);
        }

        writer.WriteString("body", $"Customer reports the widget stopped working after update {id % 17}. Ünïcödé ✓.");
        writer.WriteEndObject();
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
