using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Steps.Tests.Connectors;

/// <summary>
/// A loopback API whose responses a test scripts by path and query (<c>/items?page=2</c>): JSON bodies with an optional
/// Link to the next page, or a status. It records every request's path and query.
/// </summary>
internal sealed class PagesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body, string? Next)> _responses = new(StringComparer.Ordinal);

    private PagesApi(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<PagesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new PagesApi(app);
        app.Run(api.ServeAsync);
        await app.StartAsync();
        return api;
    }

    /// <summary>Answers <paramref name="pathAndQuery"/> with <paramref name="json"/>, linking to <paramref name="next"/> if given.</summary>
    public void Page(string pathAndQuery, string json, string? next = null) => _responses[pathAndQuery] = (200, json, next);

    public void Fail(string pathAndQuery, int status) => _responses[pathAndQuery] = (status, "{}", null);

    private async Task ServeAsync(HttpContext http)
    {
        var key = http.Request.Path + http.Request.QueryString;
        Requests.Enqueue(key);
        var match = _responses.Where(r => r.Key == key || (!r.Key.Contains('?', StringComparison.Ordinal) && r.Key == http.Request.Path)).Select(r => r.Value).FirstOrDefault();
        if (match.Body is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.StatusCode = match.Status;
        if (match.Next is not null)
        {
            http.Response.Headers.Link = $"<{BaseUrl}{match.Next}>; rel=\"next\"";
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(match.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
