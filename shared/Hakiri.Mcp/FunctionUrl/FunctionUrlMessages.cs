using System.Text.Json.Serialization;

namespace Hakiri.Mcp.FunctionUrl;

/// <summary>The parts of a Lambda function URL event (payload format 2.0) the MCP endpoint reads.</summary>
internal sealed record FunctionUrlEvent
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("rawPath")]
    public string? RawPath { get; init; }

    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("requestContext")]
    public FunctionUrlRequestContext? RequestContext { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}

/// <summary>The event's <c>requestContext</c>.</summary>
internal sealed record FunctionUrlRequestContext
{
    [JsonPropertyName("http")]
    public FunctionUrlHttp? Http { get; init; }
}

/// <summary>The event's <c>requestContext.http</c>.</summary>
internal sealed record FunctionUrlHttp
{
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }
}

/// <summary>The response a function URL turns back into HTTP.</summary>
internal sealed record FunctionUrlResponse
{
    [JsonPropertyName("statusCode")]
    public required int StatusCode { get; init; }

    [JsonPropertyName("headers")]
    public required Dictionary<string, string> Headers { get; init; }

    [JsonPropertyName("body")]
    public required string Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}

[JsonSerializable(typeof(FunctionUrlEvent))]
[JsonSerializable(typeof(FunctionUrlResponse))]
internal sealed partial class FunctionUrlJsonContext : JsonSerializerContext;
