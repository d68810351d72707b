using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Embeddings.Tests.OpenAi;

/// <summary>
/// A stand-in for llama.cpp's / OpenAI's <c>POST /v1/embeddings</c> on 127.0.0.1: the vector of a text is
/// <c>[length, first char, request number]</c> (more dimensions from <see cref="WideFromRequest"/> on), listed in
/// reverse index order as servers may. Scripted answers are served first, one per request.
/// </summary>
internal sealed class EmbeddingsStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body)> _scripted = new();
    private int _requests;

    private EmbeddingsStandIn(WebApplication app) => _app = app;

    /// <summary>The base URL with <c>/v1</c>.</summary>
    public string BaseUrl => _app.Urls.First() + "/v1";

    /// <summary>What each request carried: its Authorization header, model and number of inputs.</summary>
    public ConcurrentQueue<(string? Authorization, string? Model, int Inputs)> Received { get; } = new();

    /// <summary>Answers with one embedding fewer than asked.</summary>
    public bool DropOne { get; set; }

    /// <summary>From this request number on (1-based), vectors have 4 dimensions.</summary>
    public int WideFromRequest { get; set; } = int.MaxValue;

    public static async Task<EmbeddingsStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new EmbeddingsStandIn(app);
        app.MapPost("/v1/embeddings", standIn.ServeAsync);
        await app.StartAsync();
        return standIn;
    }

    /// <summary>The status to <see cref="Script"/> for a request that is never answered (until the client gives up).</summary>
    public const int Hang = 0;

    /// <summary>Answers the next request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public void Script(int status, string body) => _scripted.Enqueue((status, body));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeAsync(HttpContext http)
    {
        var number = Interlocked.Increment(ref _requests);
        using var request = await JsonDocument.ParseAsync(http.Request.Body);
        var inputs = request.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        Received.Enqueue((http.Request.Headers.Authorization.FirstOrDefault(), request.RootElement.GetProperty("model").GetString(), inputs.Count));
        if (_scripted.TryDequeue(out var scripted))
        {
            if (scripted.Status == Hang)
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            http.Response.StatusCode = scripted.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(scripted.Body);
            return;
        }

        var count = DropOne ? inputs.Count - 1 : inputs.Count;
        var data = Enumerable.Range(0, count).Reverse().Select(i =>
        {
            float[] vector = number >= WideFromRequest
                ? [inputs[i].Length, inputs[i].FirstOrDefault(), number, 0]
                : [inputs[i].Length, inputs[i].FirstOrDefault(), number];
            return new { @object = "embedding", index = i, embedding = vector };
        });
        await http.Response.WriteAsJsonAsync(new { @object = "list", data, model = "stand-in" });
    }
}
