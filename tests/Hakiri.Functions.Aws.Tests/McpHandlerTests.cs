using System.Text.Json;
using Hakiri.LocalLambda;
using Hakiri.Manifest;
using Hakiri.Steps;
using Hakiri.Runner;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>The bootstrap's <c>mcp</c> handler answers function URL events (payload 2.0) recorded in the MCP tests' fixtures.</summary>
public sealed class McpHandlerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FunctionUrlEvents_AreAnsweredFromTheStore()
    {
        using var project = Samples.CopyQuickstart();
        var manifest = ManifestLoader.LoadProject(project.Combine("hakiri.toml")).Value!;
        await PipelineRunner.Local(new StepContext(manifest, new StoreLayout(project.Combine(".hakiri")))).RunAsync([]);
        await using var mcp = LocalLambdaFunction.Start(Bootstrap.For("mcp", project.Combine("hakiri.toml")));

        var initialize = await InvokeAsync(mcp, "initialize.json");
        var query = await InvokeAsync(mcp, "tools-call-query.json");

        Assert.Equal(200, initialize.GetProperty("statusCode").GetInt32());
        Assert.Contains("\"protocolVersion\"", initialize.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, query.GetProperty("statusCode").GetInt32());
        var body = query.GetProperty("body").GetString()!;
        Assert.Contains("1008", body, StringComparison.Ordinal);
        Assert.Contains("refunded", body, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> InvokeAsync(LocalLambdaFunction function, string fixture)
    {
        var payload = File.ReadAllText(RepoPaths.Of("tests", "Hakiri.Mcp.Tests", "Fixtures", "FunctionUrl", fixture));
        using var response = JsonDocument.Parse(await function.InvokeAsync(payload, Timeout));
        return response.RootElement.Clone();
    }
}
