using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime.Credentials;
using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Functions.Aws.Secrets;

/// <summary>
/// Secrets Manager's GetSecretValue over its JSON protocol (AWSSDK.SecretsManager is not in the package mirror):
/// a SigV4-signed POST with <c>X-Amz-Target: secretsmanager.GetSecretValue</c>, retried on throttling, 5xx and
/// dropped connections. Credentials come from AWSSDK.Core's standard chain (in Lambda: the function role's).
/// </summary>
internal sealed class SecretsManagerClient : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _region;
    private readonly AwsEndpoint _endpoint;
    private readonly AwsRetryPolicy _retry = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    public SecretsManagerClient(string region, Uri? endpointOverride)
    {
        _region = region;
        _endpoint = AwsEndpoint.For("secretsmanager", region, endpointOverride);
    }

    /// <summary>The secret's string value (its current version).</summary>
    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken cancellationToken)
    {
        var payload = Payload(secretId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(payload, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretReadException e) when (e.IsTransient && attempt < _retry.MaxAttempts)
            {
                await Task.Delay(_retry.Delay(attempt, Random.Shared), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Throttling and server-side errors are worth retrying; anything else the caller must fix.</summary>
    internal static bool IsTransient(string code, int status) => AwsRetryPolicy.IsThrottling(code) || status >= 500;

    private async Task<string> AttemptAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var identity = await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
        var current = await identity.GetCredentialsAsync().ConfigureAwait(false);
        var credentials = new AwsCredentials(current.AccessKey, current.SecretKey, current.UseToken ? current.Token : null);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Url) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager.GetSecretValue");
        SigV4Signer.Sign(request, payload, credentials, _endpoint.Region, _endpoint.Service, DateTimeOffset.UtcNow);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SecretReadException($"Secrets Manager in {_region} did not answer ({e.Message.TrimEnd('.')}) — a function in a VPC needs a NAT gateway or a Secrets Manager endpoint", true, e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var json = Parse(body);
            if (response.IsSuccessStatusCode)
            {
                return json.RootElement.TryGetProperty("SecretString", out var value) && value.GetString() is { } text
                    ? text
                    : throw new SecretReadException("the secret holds a binary value (SecretBinary), and environment variables are text — store it as a string", false);
            }

            var code = ErrorCode(json.RootElement, response);
            var message = json.RootElement.TryGetProperty("Message", out var m) || json.RootElement.TryGetProperty("message", out m) ? m.GetString() : null;
            var hint = code == "ResourceNotFoundException" ? $"no such secret in {_region}; create it (aws secretsmanager create-secret) or fix [deploy.aws] secrets" : message?.TrimEnd('.');
            throw new SecretReadException($"{code} from Secrets Manager{(hint is null ? string.Empty : " — " + hint)}", IsTransient(code, (int)response.StatusCode));
        }
    }

    // An error page from a proxy is not JSON; it still has a status code to report.
    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}");
        }
    }

    private static byte[] Payload(string secretId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("SecretId", secretId);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // "__type" may carry a namespace ("com.amazonaws.secretsmanager#ResourceNotFoundException"); the header is the fallback.
    private static string ErrorCode(JsonElement body, HttpResponseMessage response)
    {
        var type = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("__type", out var t) ? t.GetString() : null;
        type ??= response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault()?.Split(':')[0] : null;
        return type is null ? $"HTTP {(int)response.StatusCode}" : type[(type.LastIndexOf('#') + 1)..];
    }
}
