using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Access.Keys;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;
using Hakiri.Audit;
using Hakiri.LocalLambda;
using Hakiri.Manifest;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>The bootstrap's <c>mcp</c> handler under <c>[access]</c>: tokens from either header, 401 without, every answered read audited.</summary>
public sealed class McpAccessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FunctionUrl_WithAccess_RefusesWithoutToken_ScopesWithOne_AndAuditsTheRead()
    {
        using var project = Samples.CopyQuickstart();
        using var key = SigningKey.Generate();
        File.AppendAllText(project.Combine("hakiri.toml"), $"\n[access]\npublic_key = \"{key.PublicKey}\"\n");
        var manifest = ManifestLoader.LoadProject(project.Combine("hakiri.toml")).Value!;
        var layout = new StoreLayout(project.Combine(".hakiri"));
        await PipelineRunner.Local(new StepContext(manifest, layout)).RunAsync([]);
        var token = CapabilityTokens.Issue(key, new TokenRequest(new Subject("lambda-agent"), ["read"], ["orders"], ["orders: order_id = 1008"], [], TimeSpan.FromHours(1)), TimeProvider.System);
        await using var mcp = LocalLambdaFunction.Start(Bootstrap.For("mcp", project.Combine("hakiri.toml")));

        var anonymous = await InvokeAsync(mcp, null, null);
        var bearer = await InvokeAsync(mcp, "authorization", "Bearer " + token);
        var iamSigned = await InvokeAsync(mcp, "x-hakiri-token", token);

        Assert.Equal(401, anonymous.GetProperty("statusCode").GetInt32());
        Assert.Contains("requires a token", anonymous.GetProperty("body").GetString(), StringComparison.Ordinal);
        foreach (var answer in new[] { bearer, iamSigned })
        {
            Assert.Equal(200, answer.GetProperty("statusCode").GetInt32());
            // The row values, not the body's text: a run id stamped at 10:01 also contains "1001".
            using var body = JsonDocument.Parse(answer.GetProperty("body").GetString()!);
            var rows = body.RootElement.GetProperty("result").GetProperty("structuredContent").GetProperty("rows");
            Assert.Equal([1008], rows.EnumerateArray().Select(r => r.GetProperty("order_id").GetInt32()));
        }

        var reads = AuditLog.Open(layout, new AuditOptions()).Query(new AuditQuery { Table = "orders", Key = "1008" });
        Assert.Equal(2, reads.Count(r => r.Subject?.Agent == "lambda-agent"));
    }

    private static async Task<JsonElement> InvokeAsync(LocalLambdaFunction function, string? header, string? value)
    {
        var payload = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("tests", "Hakiri.Mcp.Tests", "Fixtures", "FunctionUrl", "tools-call-query.json")))!;
        if (header is not null)
        {
            payload["headers"]![header] = value;
        }

        using var response = JsonDocument.Parse(await function.InvokeAsync(payload.ToJsonString(), Timeout));
        return response.RootElement.Clone();
    }
}
