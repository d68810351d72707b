using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>Turns an error response body into an <see cref="AwsApiException"/>, whatever shape it came in.</summary>
internal static class QueryErrorParser
{
    /// <summary>
    /// Reads <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>
    /// (also EC2's <c>&lt;Response&gt;&lt;Errors&gt;</c>); a JSON <c>__type</c>/<c>message</c> body (moto lets one
    /// through from a nested service); anything else becomes <c>HttpNNN</c> with the start of the body.
    /// </summary>
    public static AwsApiException Parse(string action, int statusCode, string body, string? requestIdHeader)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('<') && TryXml(trimmed) is { } root)
        {
            var error = root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error" && e.Child("Code") is not null);
            if (error is not null)
            {
                var requestId = root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value ?? requestIdHeader;
                return new AwsApiException(error.Required("Code"), error.Text("Message") ?? string.Empty, statusCode, action, error.Text("Type"), requestId);
            }
        }

        if (trimmed.StartsWith('{') && TryJson(trimmed) is var (code, message) && code is not null)
        {
            return new AwsApiException(code[(code.LastIndexOf('#') + 1)..], message ?? string.Empty, statusCode, action, null, requestIdHeader);
        }

        var snippet = trimmed.Length > 300 ? trimmed[..300] + "…" : trimmed;
        return new AwsApiException($"Http{statusCode}", snippet.Length == 0 ? "(empty response)" : snippet, statusCode, action, statusCode >= 500 ? "Receiver" : null, requestIdHeader);
    }

    private static XElement? TryXml(string body)
    {
        try
        {
            return XElement.Parse(body);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static (string? Code, string? Message) TryJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (String(document.RootElement, "__type") ?? String(document.RootElement, "code"),
                String(document.RootElement, "message") ?? String(document.RootElement, "Message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
