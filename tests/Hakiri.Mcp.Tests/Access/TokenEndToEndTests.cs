using System.Text.Json;
using Hakiri.Mcp.Tools;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests.Access;

/// <summary>
/// The whole path with real parts: <c>hakiri key init</c> and <c>token issue|attenuate|revoke</c> as processes, the real
/// <c>hakiri serve</c> (HTTP and stdio) called by the official TypeScript MCP client with those tokens, then
/// <c>hakiri audit</c> answering who read what.
/// </summary>
public sealed class TokenEndToEndTests : IAsyncLifetime
{
    private const string CustomersSql = "SELECT customer_id, name, country FROM customers ORDER BY customer_id";
    private readonly TempDirectory _project = new();
    private readonly TempDirectory _keys = new();
    private string _token = string.Empty;

    private string Manifest => _project.Combine("hakiri.toml");

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("samples", "quickstart"), "*", SearchOption.AllDirectories))
        {
            var target = _project.Combine(Path.GetRelativePath(RepoPaths.Of("samples", "quickstart"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        await MustAsync("run", "-m", Manifest);
        await MustAsync("key", "init", "-m", Manifest);
        _token = (await MustAsync("token", "issue", "-m", Manifest, "--agent", "support-bot", "--on-behalf-of", "ana", "--tables", "customers,orders",
            "--filter", "customers: country IN (\"ES\", \"JP\")", "--redact", "customers.name", "--ttl", "1h")).Stdout.Trim();
    }

    public Task DisposeAsync()
    {
        _project.Dispose();
        _keys.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TypeScriptClient_HttpWithToken_SeesOnlyItsRowsAndColumns_AndAuditSaysSo()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest);

        var output = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), headers = Bearer(_token), calls = Calls });

        Assert.Equal(["hakiri://tables/customers", "hakiri://tables/orders"], output.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        var results = output.GetProperty("results");
        var rows = results[0].GetProperty("structuredContent").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["c-08", "c-17"], rows.Select(r => r.GetProperty("customer_id").GetString()));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("name").ValueKind));
        Assert.True(results[1].GetProperty("isError").GetBoolean());
        Assert.Contains("There is no table 'products'", results[1].GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        var audit = await MustAsync("audit", "-m", Manifest, "--table", "customers", "--key", "c-17", "--since", "1h", "-f", "json");
        Assert.Contains("support-bot", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains("ana", audit.Stdout, StringComparison.Ordinal);
        var other = await MustAsync("audit", "-m", Manifest, "--table", "customers", "--key", "c-03", "--since", "1h", "-f", "json");
        Assert.DoesNotContain("support-bot", other.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScriptClient_HttpWithoutOrWithBadToken_IsRefused()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest);
        var forged = _token[..^4] + (_token[^4] == 'A' ? "BBBB" : "AAAA");

        var none = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), calls = Calls });
        var bad = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), headers = Bearer(forged), calls = Calls });

        Assert.Contains("requires a token", none.GetProperty("connect_error").GetString(), StringComparison.Ordinal);
        Assert.True(bad.TryGetProperty("connect_error", out _), bad.ToString());
    }

    [Fact]
    public async Task TypeScriptClient_AttenuatedThenRevoked_NarrowerThenRefused()
    {
        var child = (await MustAsync("token", "attenuate", _token, "--tables", "customers", "--filter", "customers: country = \"ES\"", "--ttl", "10m")).Stdout.Trim();
        await using var server = await Hakiri.StartHttpAsync(Manifest);

        var narrowed = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), headers = Bearer(child), calls = Calls });
        var id = JsonDocument.Parse((await MustAsync("token", "inspect", _token, "-f", "json")).Stdout).RootElement.GetProperty("id").GetString()!;
        await MustAsync("token", "revoke", id, "-m", Manifest);
        var revoked = await TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), headers = Bearer(child), calls = Calls });

        Assert.Equal(["hakiri://tables/customers"], narrowed.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        var rows = narrowed.GetProperty("results")[0].GetProperty("structuredContent").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["c-08"], rows.Select(r => r.GetProperty("customer_id").GetString()));
        Assert.Contains("revoked", revoked.GetProperty("connect_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScriptClient_StdioWithHakiriToken_Scoped_BadTokenExitsTwo()
    {
        var output = await TypeScriptAsync(new
        {
            transport = "stdio", command = "dotnet", args = new[] { Hakiri.Dll, "serve", "-m", Manifest },
            env = new Dictionary<string, string> { ["HAKIRI_TOKEN"] = _token }, calls = Calls,
        });
        var refused = await ExternalProcess.RunAsync("dotnet", [Hakiri.Dll, "serve", "-m", Manifest, "--token", "hkt1.nope"], timeout: TimeSpan.FromMinutes(1));

        var rows = output.GetProperty("results")[0].GetProperty("structuredContent").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["c-08", "c-17"], rows.Select(r => r.GetProperty("customer_id").GetString()));
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("hakiri: ", refused.Stderr.Trim(), StringComparison.Ordinal);
    }

    private static object[] Calls =>
    [
        new { name = ToolNames.Query, arguments = new { sql = CustomersSql } },
        new { name = ToolNames.Query, arguments = new { sql = "SELECT * FROM products" } },
    ];

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    private async Task<ProcessResult> MustAsync(params string[] args)
    {
        var result = await ExternalProcess.RunAsync("dotnet", [Hakiri.Dll, .. args], timeout: TimeSpan.FromMinutes(3),
            environment: new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_KEY_DIR"] = _keys.Path });
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
