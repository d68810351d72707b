using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Testing.Http;

/// <summary>
/// The API the honest WebAssembly test guests page (tests/guests/*/items): <c>GET /items?limit=N[&amp;after=ID]</c> on
/// 127.0.0.1 answers <c>{"items":[{"id":1,"name":"…","score":4.5,"active":true,"note":null},…],"has_more":true}</c>,
/// ids ascending and greater than <c>after</c>. Names carry non-ASCII text; every third note and every fifth score is
/// null, every seventh item lacks <c>active</c>. Also <c>GET /redirect?to=URL</c> answers 302 to URL. With
/// <see cref="Token"/> set, <c>/items</c> needs that bearer token.
/// </summary>
public sealed class ItemsApi : IAsyncDisposable
{
    private static readonly string[] Names = ["Zoë Ångström", "Łukasz Żółć", "渡辺 さくら", "Ægir Þórsson", "plain ascii", "emoji 🚀 row", "quote \" and \\ slash"];
    private readonly WebApplication _app;
    private long _requests;
    private int _failures;
    private int _count;

    private ItemsApi(WebApplication app, int count)
    {
        _app = app;
        _count = count;
    }

    /// <summary>The API's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>Requests served so far (all paths).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The bearer token <c>/items</c> requires, or <see langword="null"/> for none.</summary>
    public string? Token { get; set; }

    /// <summary>How many items the API holds (ids 1..Count).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds <paramref name="count"/> items with the next ids.</summary>
    public void Add(int count) => Interlocked.Add(ref _count, count);

    /// <summary>Answer the next <paramref name="count"/> <c>/items</c> requests with 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>Starts the API with items 1..<paramref name="count"/>.</summary>
    public static async Task<ItemsApi> StartAsync(int count)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new ItemsApi(app, count);
        app.MapGet("/items", api.ServeAsync);
        app.MapGet("/redirect", (HttpContext http) =>
        {
            Interlocked.Increment(ref api._requests);
            http.Response.StatusCode = 302;
            http.Response.Headers.Location = http.Request.Query["to"].ToString();
        });
        await app.StartAsync().ConfigureAwait(false);
        return api;
    }

    /// <summary>The name item <paramref name="id"/> carries.</summary>
    public static string NameOf(long id) => $"{Names[id % Names.Length]} #{id}";

    /// <summary>The score item <paramref name="id"/> carries, or <see langword="null"/>.</summary>
    public static double? ScoreOf(long id) => id % 5 == 0 ? null : id / 4.0;

    /// <summary>Whether item <paramref name="id"/> is active, or <see langword="null"/> when the key is absent.</summary>
    public static bool? ActiveOf(long id) => id % 7 == 0 ? null : id % 2 == 0;

    /// <summary>The note of item <paramref name="id"/>, or <see langword="null"/>.</summary>
    public static string? NoteOf(long id) => id % 3 == 0 ? null : $"note {id}: línea\nsecond line";

    private async Task ServeAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
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
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 100;
        var after = long.TryParse(query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
        var count = Count;
        var first = Math.Max(after + 1, 1);
        var last = Math.Min(after + limit, count);
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        for (var id = first; id <= last; id++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("name", NameOf(id));
            if (ScoreOf(id) is { } score)
            {
                writer.WriteNumber("score", score);
            }
            else
            {
                writer.WriteNull("score");
            }

            if (ActiveOf(id) is { } active)
            {
                writer.WriteBoolean("active", active);
            }

            writer.WriteString("note", NoteOf(id));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("has_more", last < count);
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
