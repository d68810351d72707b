using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>
/// The moto APIs the deploy test inspects that Hakiri has no client for (Step Functions, Lambda and EventBridge speak
/// JSON protocols); moto does not check signatures, so plain requests do.
/// </summary>
internal sealed class MotoApis(string endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(endpoint), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<JsonObject> StepFunctionsAsync(string action, JsonObject body) => await JsonAsync("states", "AWSStepFunctions", "1.0", action, body);

    public async Task<JsonObject> EventsAsync(string action, JsonObject body) => await JsonAsync("events", "AWSEvents", "1.1", action, body);

    /// <summary>Lambda's REST API: every function (moto returns them all in one page).</summary>
    public async Task<JsonArray> LambdaFunctionsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/2015-03-31/functions/");
        Sign(request, "lambda");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Lambda ListFunctions: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["Functions"]!.AsArray();
    }

    public void Dispose() => _http.Dispose();

    // moto routes a request to a service by the credential scope of its Authorization header; the signature is not checked.
    private static void Sign(HttpRequestMessage request, string service) =>
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");

    private async Task<JsonObject> JsonAsync(string service, string prefix, string version, string action, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{version}");
        request.Headers.Add("X-Amz-Target", $"{prefix}.{action}");
        Sign(request, service);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{prefix}.{action}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
