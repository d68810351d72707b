using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hakiri.Connectors.Tests.Fakes;

public sealed partial class FakeApiFixture
{
    public const int TicketCount = 250;
    public static readonly DateTimeOffset TicketEpoch = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<string, SortedDictionary<long, DateTimeOffset>> _tickets = new();

    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Adds or updates ticket <paramref name="id"/> of the dataset <paramref name="key"/>.</summary>
    public void UpsertTicket(string key, long id, DateTimeOffset updatedAt)
    {
        var tickets = Tickets(key);
        lock (tickets)
        {
            tickets[id] = updatedAt;
        }
    }

    public static JsonObject Ticket(long id, DateTimeOffset updatedAt) => new()
    {
        ["id"] = id,
        ["updated_at"] = Stamp(updatedAt),
        ["title"] = $"Ticket {id}: café naïve 東京 ✓",
        ["customer"] = new JsonObject { ["name"] = "Zoë Ødegaard", ["tier"] = id % 3 == 0 ? null : "gold" },
        ["tags"] = id % 2 == 0 ? new JsonArray() : new JsonArray("billing", "urgent"),
        ["note"] = null,
    };

    private SortedDictionary<long, DateTimeOffset> Tickets(string key) =>
        _tickets.GetOrAdd(key, _ => new(Enumerable.Range(1, TicketCount).ToDictionary(i => (long)i, i => TicketEpoch.AddMinutes(i))));

    private List<JsonObject> Filtered(string key, HttpRequest request)
    {
        var since = request.Query["since"].ToString();
        var tickets = Tickets(key);
        lock (tickets)
        {
            return tickets
                .Where(t => since.Length == 0 || string.CompareOrdinal(Stamp(t.Value), since) > 0)
                .Select(t => Ticket(t.Key, t.Value))
                .ToList();
        }
    }

    private static bool Authorized(string auth, HttpRequest request) => auth switch
    {
        "none" => true,
        "query" => request.Query["api_key"] == QuerySecret,
        "header" => request.Headers["X-Api-Key"] == HeaderSecret,
        "bearer" => request.Headers.Authorization == $"Bearer {BearerSecret}",
        "basic" => request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicUser}:{BasicPassword}")),
        _ => false,
    };

    private static int Int(HttpRequest request, string name, int fallback) =>
        int.TryParse(request.Query[name], CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>The request's query with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    private static string QueryWith(HttpRequest request, string name, string value) =>
        string.Join('&', request.Query.Where(q => q.Key != name).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}"));

    private static string ToJson(JsonNode node) => node.ToJsonString(Json);

    private static JsonArray Array(IEnumerable<JsonObject> records) => new(records.Select(r => (JsonNode)r).ToArray());

    private void MapGeneric(WebApplication app)
    {
        app.MapGet("/api/{auth}/{key}/{kind}", async (HttpContext context, string auth, string key, string kind) =>
        {
            Record(key, context.Request);
            var request = context.Request;
            if (!Authorized(auth, request))
            {
                await WriteJsonAsync(context, """{"error":"unauthorized"}""", 401);
                return;
            }

            var all = Filtered(key, request);
            string Self(string query) => $"{BaseUrl}{request.Path}?{query}";
            switch (kind)
            {
                case "array":
                    await WriteJsonAsync(context, ToJson(Array(all)));
                    break;
                case "link":
                {
                    int page = Int(request, "page", 1), size = Int(request, "per_page", 30);
                    var last = Math.Max(1, (all.Count + size - 1) / size);
                    var links = new List<string> { $"<{Self(QueryWith(request, "page", "1"))}>; rel=\"first\"" };
                    if (page < last)
                    {
                        links.Add($"<{Self(QueryWith(request, "page", (page + 1).ToString(CultureInfo.InvariantCulture)))}>; title=\"next, then more; really\"; rel=\"next\"");
                    }

                    links.Add($"<{Self(QueryWith(request, "page", last.ToString(CultureInfo.InvariantCulture)))}>; rel=last");
                    context.Response.Headers.Append("Link", string.Join(", ", links));
                    await WriteJsonAsync(context, ToJson(Array(all.Skip((page - 1) * size).Take(size))));
                    break;
                }

                case "next":
                {
                    var page = Int(request, "page", 1);
                    var more = page * 25 < all.Count;
                    var body = new JsonObject
                    {
                        ["results"] = Array(all.Skip((page - 1) * 25).Take(25)),
                        ["meta"] = new JsonObject { ["next"] = more ? $"next?{QueryWith(request, "page", (page + 1).ToString(CultureInfo.InvariantCulture))}" : null },
                    };
                    await WriteJsonAsync(context, ToJson(body));
                    break;
                }

                case "cursor":
                {
                    var after = request.Query["after"].ToString();
                    var afterId = after.Length == 0 ? 0 : long.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after))[3..], CultureInfo.InvariantCulture);
                    var items = all.Where(r => (long)r["id"]! > afterId).Take(Int(request, "limit", 25)).ToList();
                    var more = items.Count > 0 && all.Any(r => (long)r["id"]! > (long)items[^1]["id"]!);
                    var next = more ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"id:{(long)items[^1]["id"]!}")) : string.Empty;
                    var body = new JsonObject { ["data"] = new JsonObject { ["items"] = Array(items) }, ["paging"] = new JsonObject { ["next_cursor"] = next } };
                    await WriteJsonAsync(context, ToJson(body));
                    break;
                }

                case "offset":
                    await WriteJsonAsync(context, ToJson(new JsonObject { ["items"] = Array(all.Skip(Int(request, "offset", 0)).Take(Int(request, "limit", 25))) }));
                    break;
                case "page":
                {
                    var size = Int(request, "size", 25);
                    await WriteJsonAsync(context, ToJson(new JsonObject { ["items"] = Array(all.Skip((Int(request, "page", 1) - 1) * size).Take(size)) }));
                    break;
                }

                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        });

        // Failures and edge cases; {key} scopes counters and the request log.
        app.MapGet("/flaky/{key}/{failures:int}", async (HttpContext context, string key, int failures) =>
        {
            Record(key, context.Request);
            if (Count(key) <= failures)
            {
                await WriteJsonAsync(context, """{"error":"try again"}""", 503);
                return;
            }

            await WriteJsonAsync(context, ToJson(Array(Filtered(key, context.Request).Take(3))));
        });

        app.MapGet("/limited/{key}/{failures:int}", async (HttpContext context, string key, int failures) =>
        {
            Record(key, context.Request);
            if (Count(key) <= failures)
            {
                context.Response.Headers.RetryAfter = context.Request.Query["date"] == "1"
                    ? DateTimeOffset.UtcNow.AddSeconds(5).ToString("r", CultureInfo.InvariantCulture)
                    : "2";
                await WriteJsonAsync(context, """{"error":"slow down"}""", 429);
                return;
            }

            await WriteJsonAsync(context, ToJson(Array(Filtered(key, context.Request).Take(3))));
        });

        app.MapGet("/reset/{key}", async (HttpContext context, string key) =>
        {
            Record(key, context.Request);
            var page = Int(context.Request, "page", 1);
            context.Response.Headers["X-RateLimit-Remaining"] = page == 1 ? "0" : "59";
            context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (page == 1)
            {
                context.Response.Headers.Append("Link", $"<{BaseUrl}/reset/{key}?page=2>; rel=\"next\"");
            }

            await WriteJsonAsync(context, ToJson(Array(Filtered(key, context.Request).Skip((page - 1) * 3).Take(3))));
        });

        app.MapGet("/reset-far/{key}", async (HttpContext context, string key) =>
        {
            Record(key, context.Request);
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            await WriteJsonAsync(context, """{"error":"quota used up"}""", 429);
        });

        app.MapGet("/slow/{key}/{slowCalls:int}", async (HttpContext context, string key, int slowCalls) =>
        {
            Record(key, context.Request);
            if (Count(key) <= slowCalls)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await WriteJsonAsync(context, ToJson(Array(Filtered(key, context.Request).Take(3))));
        });

        app.MapGet("/malformed/{key}", (HttpContext context, string key) =>
            WriteJsonAsync(context, "[\n  {\"id\": 1},\n  {\"id\": 2,, \"x\": 3}\n]"));

        app.MapGet("/wrapped/{key}", (HttpContext context, string key) =>
            WriteJsonAsync(context, """{"data": {"items": "not a list"}}"""));

        app.MapGet("/loop/{key}", async (HttpContext context, string key) =>
        {
            Record(key, context.Request);
            context.Response.Headers.Append("Link", $"<{BaseUrl}/loop/{key}>; rel=\"next\"");
            await WriteJsonAsync(context, ToJson(Array(Filtered(key, context.Request).Take(2))));
        });

        app.MapGet("/endless/{key}", async (HttpContext context, string key) =>
        {
            var page = Int(context.Request, "page", 1);
            context.Response.Headers.Append("Link", $"<{BaseUrl}/endless/{key}?page={page + 1}>; rel=\"next\"");
            await WriteJsonAsync(context, ToJson(Array(Filtered(key, context.Request).Take(1))));
        });

        app.MapGet("/status/{key}/{code:int}", (HttpContext context, string key, int code) =>
            WriteJsonAsync(context, """{"error":"no"}""", code));

        app.MapGet("/gzip/{key}", async (HttpContext context, string key) =>
        {
            Record(key, context.Request);
            var bytes = Encoding.UTF8.GetBytes(ToJson(Array(Filtered(key, context.Request))));
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(bytes);
            }

            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(compressed.ToArray());
        });
    }
}
