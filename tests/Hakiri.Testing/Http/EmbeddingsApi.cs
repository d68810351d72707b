using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Testing.Http;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/embeddings</c> on 127.0.0.1 with a transparent model: a text's vector counts its
/// lower-cased words hashed into <see cref="Dimensions"/> buckets, normalised — texts sharing words are close, so
/// rankings are predictable. Counts the texts it embedded (to prove reuse) and can fail on demand.
/// </summary>
public sealed class EmbeddingsApi : IAsyncDisposable
{
    /// <summary>Dimensions of every vector.</summary>
    public const int Dimensions = 64;

    private readonly WebApplication _app;
    private long _texts;
    private int _failures;

    private EmbeddingsApi(WebApplication app) => _app = app;

    /// <summary>The base URL with <c>/v1</c>.</summary>
    public string BaseUrl => _app.Urls.First() + "/v1";

    /// <summary>The manifest's model identifier for this endpoint.</summary>
    public string Model => $"openai-compatible:{BaseUrl}#bag-of-words";

    /// <summary>Texts embedded so far.</summary>
    public long Texts => Interlocked.Read(ref _texts);

    /// <summary>Answer the next <paramref name="count"/> requests with 400 and an error message.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>The vector this API gives <paramref name="text"/>.</summary>
    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '"', '\'', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 17;
            foreach (var c in word)
            {
                hash = unchecked((hash * 31) + c);
            }

            vector[(hash & int.MaxValue) % Dimensions] += 1;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }

    public static async Task<EmbeddingsApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new EmbeddingsApi(app);
        app.MapPost("/v1/embeddings", api.ServeAsync);
        await app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeAsync(HttpContext http)
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(new { error = new { message = "the stand-in was told to refuse" } });
            return;
        }

        using var request = await JsonDocument.ParseAsync(http.Request.Body);
        var inputs = request.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        Interlocked.Add(ref _texts, inputs.Count);
        var data = inputs.Select((text, i) => new { @object = "embedding", index = i, embedding = Embed(text) });
        await http.Response.WriteAsJsonAsync(new { @object = "list", data, model = "bag-of-words" });
    }
}
