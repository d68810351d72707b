using System.Text;
using System.Text.Json;

namespace Hakiri.Mcp.FunctionUrl;

/// <summary>
/// Answers a Lambda function URL event (payload format 2.0) with <see cref="McpHttpHandler"/> over the same server
/// options as <c>hakiri serve</c>: the event's method, path, headers and (possibly base64) body become an HTTP request,
/// and the answer becomes <c>{statusCode, headers, body}</c>. The Lambda host only has to pass event JSON in and response JSON out.
/// Under access control the <see cref="McpHttpHandler"/> was made with an admit delegate, so every event needs a bearer token.
/// </summary>
public sealed class FunctionUrlMcpHandler
{
    private readonly McpHttpHandler _http;

    /// <summary>Creates the adapter over an HTTP endpoint.</summary>
    public FunctionUrlMcpHandler(McpHttpHandler http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    /// <summary>Answers one event; never throws for a malformed event, which gets a 400 response instead.</summary>
    /// <param name="eventJson">The event as Lambda delivers it (UTF-8 JSON).</param>
    /// <param name="cancellationToken">Cancels when the invocation's time runs out.</param>
    /// <returns>The response JSON for Lambda to return.</returns>
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken = default)
    {
        var response = Parse(eventJson) is { } request
            ? await _http.HandleAsync(request, cancellationToken).ConfigureAwait(false)
            : BadEvent();
        var result = new FunctionUrlResponse
        {
            StatusCode = response.StatusCode,
            Headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase),
            Body = Encoding.UTF8.GetString(response.Body.Span),
        };
        return JsonSerializer.SerializeToUtf8Bytes(result, FunctionUrlJsonContext.Default.FunctionUrlResponse);
    }

    /// <summary>Answers one event given as text.</summary>
    public async Task<string> HandleAsync(string eventJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        return Encoding.UTF8.GetString(await HandleAsync(Encoding.UTF8.GetBytes(eventJson), cancellationToken).ConfigureAwait(false));
    }

    private static McpHttpRequest? Parse(ReadOnlyMemory<byte> eventJson)
    {
        FunctionUrlEvent? request;
        try
        {
            request = JsonSerializer.Deserialize(eventJson.Span, FunctionUrlJsonContext.Default.FunctionUrlEvent);
        }
        catch (JsonException)
        {
            return null;
        }

        if (request?.RequestContext?.Http?.Method is not { } method)
        {
            return null;
        }

        byte[] body;
        try
        {
            body = request.Body is null ? []
                : request.IsBase64Encoded ? Convert.FromBase64String(request.Body)
                : Encoding.UTF8.GetBytes(request.Body);
        }
        catch (FormatException)
        {
            return null;
        }

        // Function URLs join repeated headers with commas and lower-case their names; the handler matches names case-insensitively.
        var headers = request.Headers ?? [];
        return new McpHttpRequest(method, request.RequestContext.Http.Path ?? request.RawPath ?? "/", headers, body);
    }

    private static McpHttpResponse BadEvent() => new(
        400,
        new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request: the Lambda event is not a function URL event (payload format 2.0)."}}"""));
}
