using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hakiri.Deploy.Azure.Arm;

/// <summary>
/// The transport to Azure Resource Manager: bearer token, api-version'd URLs under <see cref="Endpoint"/>, bounded
/// retries on 429/5xx (honouring <c>Retry-After</c>) and ARM's error body turned into an <see cref="ArmException"/>.
/// Long-running operations are followed by <see cref="ArmOperation"/>.
/// </summary>
public sealed class ArmClient
{
    /// <summary>Azure's public cloud.</summary>
    public static readonly Uri PublicCloud = new("https://management.azure.com/");

    private readonly HttpClient _http;
    private readonly IArmTokenSource _tokens;
    private readonly ArmRetryPolicy _retry;

    /// <summary>Creates a client that sends through <paramref name="http"/> to <paramref name="endpoint"/>.</summary>
    public ArmClient(HttpClient http, Uri endpoint, IArmTokenSource tokens, ArmRetryPolicy? retry = null)
    {
        _http = http;
        Endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _tokens = tokens;
        _retry = retry ?? ArmRetryPolicy.Default;
    }

    /// <summary>The ARM base URL (ends with a slash).</summary>
    public Uri Endpoint { get; }

    /// <summary>The absolute URL of an ARM path such as <c>subscriptions/…?api-version=…</c>.</summary>
    public Uri Url(string pathAndQuery) => new(Endpoint, pathAndQuery.TrimStart('/'));

    /// <summary>A bearer token for ARM (also accepted by a function app's SCM site).</summary>
    public ValueTask<string> TokenAsync(CancellationToken cancellationToken) => _tokens.TokenAsync(cancellationToken);

    /// <summary>GETs a JSON body; null when ARM answers 404.</summary>
    internal async Task<T?> GetAsync<T>(Uri url, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, operation, cancellationToken, allowNotFound: true).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a JSON body with its source-generated contract.</summary>
    internal static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new ArmException($"Azure Resource Manager answered {response.RequestMessage?.RequestUri} with an empty body");
        }
    }

    /// <summary>Serializes a request body with its source-generated contract.</summary>
    internal static ArmBody Json<T>(T value, JsonTypeInfo<T> type) => new(JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json");

    /// <summary>
    /// Sends one request, retrying throttling and server errors; throws <see cref="ArmException"/> for any other error
    /// status (a 404 is returned instead when <paramref name="allowNotFound"/>). The caller disposes the response.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, Uri url, ArmBody? body, string operation, CancellationToken cancellationToken, bool allowNotFound = false, bool authorize = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (authorize)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.TokenAsync(cancellationToken).ConfigureAwait(false));
            }

            if (body is { } content)
            {
                request.Content = new ByteArrayContent(content.Bytes);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(content.ContentType);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ArmException($"Azure Resource Manager at {Endpoint} could not be reached for {operation} ({e.Message.TrimEnd('.')}); check the network or --endpoint-url", e);
            }

            var status = (int)response.StatusCode;
            if (status < 400 || (allowNotFound && status == 404))
            {
                return response;
            }

            using (response)
            {
                if (ArmRetryPolicy.IsRetryable(status) && attempt < _retry.MaxAttempts)
                {
                    await Task.Delay(_retry.Delay(attempt, RetryAfter(response)), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ArmException(status, await ErrorAsync(response, cancellationToken).ConfigureAwait(false), operation);
            }
        }
    }

    /// <summary>The wait a response asks for (<c>Retry-After</c> in seconds or as a date), if any.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<ArmError?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, ArmJsonContext.Default.ArmErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return new ArmError(response.StatusCode.ToString(), text.Length > 200 ? text[..200] : text);
        }
    }
}

/// <summary>A request body kept as bytes, so a retried request sends it again.</summary>
internal readonly record struct ArmBody(byte[] Bytes, string ContentType);
