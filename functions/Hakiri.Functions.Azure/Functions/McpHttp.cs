using System.Net;
using Hakiri.Functions.Azure.Hosting;
using Hakiri.Mcp.FunctionUrl;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Hakiri.Functions.Azure.Functions;

/// <summary>The read-only MCP endpoint at <c>/api/mcp</c>: the same stateless handler the Lambda function URL uses.</summary>
internal sealed class McpHttp(McpEndpoint endpoint)
{
    [Function("Mcp")]
    public async Task<HttpResponseData> HandleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "delete", Route = "mcp")] HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var answer = await endpoint.HandleAsync(new McpHttpRequest(request.Method, request.Url.AbsolutePath, headers, body.ToArray()),
            request.FunctionContext.CancellationToken).ConfigureAwait(false);
        var response = request.CreateResponse((HttpStatusCode)answer.StatusCode);
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Add(name, value);
        }

        await response.Body.WriteAsync(answer.Body, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        return response;
    }
}
