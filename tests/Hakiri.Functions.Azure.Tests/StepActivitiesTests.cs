using System.Text.Json;
using Hakiri.Functions.Azure.Functions;
using Hakiri.Functions.Azure.Hosting;
using Hakiri.Mcp.FunctionUrl;
using Hakiri.Orchestration.Durable;
using Hakiri.Testing;

namespace Hakiri.Functions.Azure.Tests;

/// <summary>The activity and MCP code paths on a local store, called as the worker calls them, without the Functions host.</summary>
public sealed class StepActivitiesTests
{
    [Fact]
    public async Task DiscoverAsync_Quickstart_EnvelopeListsTheThreeTables()
    {
        using var project = Samples.CopyQuickstart();
        var activities = new StepActivities(Runtime(project));

        var envelope = StepEnvelope.Parse(await activities.DiscoverAsync("{\"run_id\":\"20260101T000000Z-abcdef\",\"pipelines\":[]}", CancellationToken.None));

        Assert.Null(envelope.Error);
        using var output = JsonDocument.Parse(envelope.Output!);
        Assert.Equal(["orders", "customers", "products"], output.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("table").GetString()));
    }

    [Fact]
    public async Task WriteAsync_UnknownPipeline_EnvelopeCarriesPermanent()
    {
        using var project = Samples.CopyQuickstart();
        var activities = new StepActivities(Runtime(project));

        var envelope = StepEnvelope.Parse(await activities.WriteAsync("{\"run_id\":\"20260101T000000Z-abcdef\",\"pipeline\":\"invoices\",\"table\":\"invoices\"}", CancellationToken.None));

        Assert.Equal("Hakiri.Permanent", envelope.Error);
        Assert.Contains("invoices", envelope.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpEndpoint_Initialize_AnswersOnApiMcp()
    {
        using var project = Samples.CopyQuickstart();
        using var endpoint = new McpEndpoint(Runtime(project));
        var body = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}"""u8.ToArray();
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Accept"] = "application/json, text/event-stream" };

        var answer = await endpoint.HandleAsync(new McpHttpRequest("POST", "/api/mcp", headers, body), CancellationToken.None);
        var elsewhere = await endpoint.HandleAsync(new McpHttpRequest("POST", "/mcp", headers, body), CancellationToken.None);

        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("\"serverInfo\"", System.Text.Encoding.UTF8.GetString(answer.Body.Span), StringComparison.Ordinal);
        Assert.Equal(404, elsewhere.StatusCode);
    }

    private static AppRuntime Runtime(TempDirectory project) =>
        new(AppSettings.FromEnvironment(AppSettingsTests.Env(("HAKIRI_MANIFEST", "hakiri.toml"), ("HAKIRI_STORE", ".hakiri")), project.Path));
}
