namespace Hakiri.Mcp.FunctionUrl;

/// <summary>An HTTP request as <see cref="McpHttpHandler"/> sees it: a Lambda function URL event, a test.</summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The request path without the query string, e.g. <c>/mcp</c>.</param>
/// <param name="Headers">Request headers; names are matched case-insensitively.</param>
/// <param name="Body">The raw body.</param>
public sealed record McpHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <summary>The HTTP response to send back.</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="Headers">Response headers (at least <c>Content-Type</c> when there is a body).</param>
/// <param name="Body">The body; empty for 202 Accepted.</param>
public sealed record McpHttpResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);
