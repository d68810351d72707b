using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Functions.Aws.Runtime;

/// <summary>One invocation as the Runtime API hands it over.</summary>
internal sealed record Invocation(string RequestId, long DeadlineMs, string FunctionArn, string? TraceId, string Body);

/// <summary>The error document the Runtime API accepts.</summary>
internal sealed record RuntimeError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace);

[JsonSerializable(typeof(RuntimeError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;

/// <summary>The Lambda Runtime API (2018-06-01): next invocation, response, invocation error, init error.</summary>
internal sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    private readonly string _base = $"http://{runtimeApi}/2018-06-01/runtime";

    /// <summary>Waits for the next invocation (the call blocks until Lambda has one).</summary>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"{_base}/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation(
            Header(response, "Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("The Runtime API sent an invocation without a request id."),
            long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), out var deadline) ? deadline : 0,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty,
            Header(response, "Lambda-Runtime-Trace-Id"),
            body);
    }

    public Task RespondAsync(string requestId, string json, CancellationToken cancellationToken) =>
        PostAsync($"{_base}/invocation/{requestId}/response", json, null, cancellationToken);

    public Task FailAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"{_base}/invocation/{requestId}/error", JsonSerializer.Serialize(error, RuntimeJsonContext.Default.RuntimeError), error.ErrorType, cancellationToken);

    public Task FailInitAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"{_base}/init/error", JsonSerializer.Serialize(error, RuntimeJsonContext.Default.RuntimeError), error.ErrorType, cancellationToken);

    private async Task PostAsync(string url, string json, string? errorType, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
