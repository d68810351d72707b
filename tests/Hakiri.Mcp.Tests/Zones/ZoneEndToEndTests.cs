using System.Text.Json;
using Hakiri.Mcp.Tools;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests.Zones;

/// <summary>
/// Zones with real parts: the zoned quickstart landed by <c>hakiri run</c>, a token issued with <c>--zone</c> by the CLI,
/// the real <c>hakiri serve</c> over HTTP and over stdio (<c>--zone</c>, no token), called by the TypeScript MCP client.
/// </summary>
public sealed class ZoneEndToEndTests : IAsyncLifetime
{
    private const string Customers = "SELECT customer_id, name FROM customers ORDER BY customer_id";
    private const string Orders = "SELECT count(*) AS n FROM orders";
    private readonly TempDirectory _open = new();
    private readonly TempDirectory _guarded = new();
    private readonly TempDirectory _keys = new();

    private string OpenManifest => _open.Combine("hakiri.toml");

    private string Manifest => _guarded.Combine("hakiri.toml");

    public async Task InitializeAsync()
    {
        ZoneStoreFixture.Write(_open.Path);
        await MustAsync("run", "-m", OpenManifest);
        foreach (var file in Directory.EnumerateFiles(_open.Path, "*", SearchOption.AllDirectories))
        {
            var target = _guarded.Combine(Path.GetRelativePath(_open.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        await MustAsync("key", "init", "-m", Manifest);
    }

    public Task DisposeAsync()
    {
        _open.Dispose();
        _guarded.Dispose();
        _keys.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TypeScriptClient_HttpWithCloudZonedToken_PhiAndOnPremDataWithheldWithNotes()
    {
        var token = (await MustAsync("token", "issue", "-m", Manifest, "--agent", "cloud-bot", "--tables", "*", "--zone", "public-cloud:openai")).Stdout.Trim();
        await using var server = await Hakiri.StartHttpAsync(Manifest);

        var output = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token }, calls = Calls });

        var results = output.GetProperty("results");
        var customers = results[0].GetProperty("structuredContent");
        Assert.All(customers.GetProperty("rows").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("name").ValueKind));
        Assert.Equal("public-cloud:openai", customers.GetProperty("withheld")[0].GetProperty("caller_zone").GetString());
        Assert.Equal("name", customers.GetProperty("withheld")[0].GetProperty("column").GetString());
        var orders = results[1].GetProperty("structuredContent");
        Assert.Equal(0, orders.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Contains("The rows of 'orders' are withheld", orders.GetProperty("withheld")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScriptClient_StdioServeZoneLocalDevice_PhiServedOrdersWithheld()
    {
        var output = await TypeScriptAsync(new
        {
            transport = "stdio", command = "dotnet", args = new[] { Hakiri.Dll, "serve", "-m", OpenManifest, "--zone", "local:device" }, calls = Calls,
        });

        var results = output.GetProperty("results");
        var customers = results[0].GetProperty("structuredContent");
        Assert.Equal("Amara Osei", customers.GetProperty("rows")[0].GetProperty("name").GetString());
        Assert.False(customers.TryGetProperty("withheld", out _));
        var orders = results[1].GetProperty("structuredContent");
        Assert.Equal(0, orders.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Equal("local:device", orders.GetProperty("withheld")[0].GetProperty("caller_zone").GetString());
    }

    [Fact]
    public async Task Cli_ZoneOptions_ValidatedAndOnlyTheIssuerSetsOne()
    {
        var token = (await MustAsync("token", "issue", "-m", Manifest, "--agent", "clinic-bot", "--tables", "*", "--zone", "on-prem:clinic")).Stdout.Trim();

        var inspect = await MustAsync("token", "inspect", token, "-m", Manifest, "-f", "json");
        var attenuate = await RunAsync("token", "attenuate", token, "--zone", "on-prem:other");
        var pattern = await RunAsync("token", "issue", "-m", Manifest, "--agent", "x", "--tables", "*", "--zone", "on-prem:*");
        var serve = await RunAsync("serve", "-m", OpenManifest, "--zone", "cloud:openai");

        Assert.Equal("on-prem:clinic", JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("zone").GetString());
        Assert.Equal(2, attenuate.ExitCode);
        Assert.Contains("only the token's issuer may", attenuate.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, pattern.ExitCode);
        Assert.Contains("'on-prem:*' is a pattern, not a zone", pattern.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("--zone 'cloud:openai' is not a zone", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_QueryTable_ReadsAsTheDeviceAndNotesWhatIsWithheld()
    {
        var orders = await MustAsync("query", "-m", OpenManifest, "--table", "orders", "-f", "json");
        var products = await MustAsync("query", "-m", OpenManifest, "--table", "products", "--search", "mug", "-f", "json");

        Assert.Equal(0, JsonDocument.Parse(orders.Stdout).RootElement.GetProperty("rows").GetArrayLength());
        Assert.Contains("note: The rows of 'orders' are withheld", orders.Stderr, StringComparison.Ordinal);
        Assert.Contains("not to this caller's zone local:device", orders.Stderr, StringComparison.Ordinal);
        Assert.Contains("Enamel mug", products.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", products.Stderr, StringComparison.Ordinal);
    }

    private static object[] Calls =>
    [
        new { name = ToolNames.Query, arguments = new { sql = Customers } },
        new { name = ToolNames.Query, arguments = new { sql = Orders } },
    ];

    private Task<ProcessResult> RunAsync(params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [Hakiri.Dll, .. args], timeout: TimeSpan.FromMinutes(3),
            environment: new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_KEY_DIR"] = _keys.Path });

    private async Task<ProcessResult> MustAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static async Task<JsonElement> TypeScriptAsync(object spec)
    {
        var tools = RepoPaths.Of("tests", "tools");
        var result = await ExternalProcess.RunAsync("node", [Path.Combine(tools, "mcp-client.mjs"), JsonSerializer.Serialize(spec)], timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}
