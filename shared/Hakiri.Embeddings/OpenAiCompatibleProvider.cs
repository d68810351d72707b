using System.Net;
using System.Net.Http.Headers;

namespace Hakiri.Embeddings;

/// <summary>
/// Embeds through an endpoint speaking OpenAI's <c>POST /embeddings</c> (OpenAI, llama.cpp's server, Ollama, vLLM, TEI):
/// batches of at most <see cref="MaxBatch"/> texts, a timeout per request, bounded retries with backoff on 429 and 5xx.
/// </summary>
internal sealed class OpenAiCompatibleProvider : IEmbeddingProvider
{
    /// <summary>The most texts sent in one request.</summary>
    public const int MaxBatch = 256;

    /// <summary>How many times one request is tried.</summary>
    public const int MaxAttempts = 3;

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _backoff;
    private readonly Uri _url;

    /// <summary>Creates the provider; <paramref name="backoff"/> is the first retry's wait, doubled each retry.</summary>
    public OpenAiCompatibleProvider(EmbeddingModel model, HttpClient http, string? apiKey, TimeSpan? timeout = null, TimeSpan? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Kind != EmbeddingModelKind.OpenAiCompatible || model.Endpoint is null)
        {
            throw new ArgumentException($"{model.Id} is not an OpenAI-compatible model.", nameof(model));
        }

        Model = model;
        _http = http;
        _apiKey = apiKey;
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
        _backoff = backoff ?? TimeSpan.FromMilliseconds(500);
        _url = new Uri(model.Endpoint.AbsoluteUri.TrimEnd('/') + "/embeddings");
    }

    /// <inheritdoc />
    public EmbeddingModel Model { get; }

    /// <inheritdoc />
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += MaxBatch)
        {
            var count = Math.Min(MaxBatch, texts.Count - start);
            var body = EmbeddingsJson.WriteRequest(Model.Name, texts, start, count);
            var batch = await PostAsync(body, count, cancellationToken).ConfigureAwait(false);
            Array.Copy(batch, 0, vectors, start, count);
        }

        var dimension = vectors.Length == 0 ? 0 : vectors[0].Length;
        foreach (var vector in vectors)
        {
            if (vector.Length != dimension)
            {
                throw new EmbeddingException(
                    $"The embeddings endpoint {_url} returned vectors of {dimension} and {vector.Length} dimensions for {Model.Name}; "
                    + "check that every replica serves the same model.");
            }
        }

        return vectors;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The HTTP client is shared and owned by whoever created it.
    }

    private async Task<float[][]> PostAsync(byte[] body, int count, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (_apiKey is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
                }

                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return EmbeddingsJson.ReadResponse(answer, count, _url.AbsoluteUri);
                }

                var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".Trim();
                var message = EmbeddingsJson.ReadError(answer);
                if (!IsTransient(response.StatusCode))
                {
                    throw new EmbeddingException(Refused(response.StatusCode, status, message));
                }

                failure = $"answered {status}{(message.Length == 0 ? string.Empty : ": " + message)}";
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"did not answer within {_timeout.TotalSeconds:0} s";
            }
            catch (HttpRequestException e)
            {
                failure = $"could not be reached ({e.Message})";
            }

            if (attempt == MaxAttempts)
            {
                throw new EmbeddingException(
                    $"The embeddings endpoint {_url} {failure}, {MaxAttempts} times; check that the server runs and try again.");
            }

            var wait = _backoff * Math.Pow(2, attempt - 1);
            if (retryAfter is { } after && after > wait)
            {
                wait = after < MaxRetryAfter ? after : MaxRetryAfter;
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    private string Refused(HttpStatusCode code, string status, string message)
    {
        var what = string.IsNullOrEmpty(message) ? status : $"{status}: {message}";
        var advice = code switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"set {EmbeddingProviders.ApiKeyVariable} to a key the endpoint accepts",
            HttpStatusCode.NotFound => $"check the base URL and that the endpoint serves the model {Model.Name}",
            _ => $"check the model name {Model.Name} and the endpoint's limits",
        };
        return $"The embeddings endpoint {_url} refused the request ({what}); {advice}.";
    }
}
