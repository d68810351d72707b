using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Connectors.Tests.Cassettes;

/// <summary>
/// A real Kestrel server on 127.0.0.1 serving a small paged JSON API that wants a bearer token and an <c>api_key</c>
/// query parameter: page 1 (with a <c>Link</c> header and its own URL in the body), page 2 (gzip-compressed,
/// non-ASCII) and a binary file.
/// </summary>
public sealed class PagesServer : IAsyncLifetime
{
    public const string Token = "tok-SECRET-8c1f";
    public const string ApiKey = "key-SECRET-55aa";

    private WebApplication? _app;
    private int _requests;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests the server has answered, to prove a replay never reached it.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static byte[] BinaryBody { get; } = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

    public static string Page2Json => """{"items":[{"id":3,"name":"Zoë ☕"}],"next":null}""";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            if (context.Request.Headers.Authorization != $"Bearer {Token}" || context.Request.Query["api_key"] != ApiKey)
            {
                context.Response.StatusCode = 401;
                return;
            }

            await next(context);
        });
        _app.MapGet("/items", Items);
        _app.MapGet("/logo.bin", async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(BinaryBody);
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task Items(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ETag = "\"v1\"";
        context.Response.Headers["X-RateLimit-Remaining"] = "42";
        if (context.Request.Query["page"] == "2")
        {
            using var buffer = new MemoryStream();
            await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(Page2Json));
            }

            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(buffer.ToArray());
            return;
        }

        context.Response.Headers.Link = $"<{BaseUrl}/items?page=2&api_key={ApiKey}>; rel=\"next\"";
        await context.Response.WriteAsync($$"""{"items":[{"id":1},{"id":2}],"self":"{{BaseUrl}}/items?page=1&api_key={{ApiKey}}"}""");
    }
}

[CollectionDefinition(Name)]
public sealed class PagesServerCollection : ICollectionFixture<PagesServer>
{
    public const string Name = "pages server";
}
