using System.Text;
using System.Text.Json;
using Hakiri.Mcp.Tools;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests.Memory;

/// <summary>
/// Agent memory end to end with real parts: tokens issued by <c>hakiri token issue</c>, the real <c>hakiri serve
/// --http</c>, the official TypeScript MCP client writing, searching and deleting, and the store's bytes checked after.
/// </summary>
public sealed class MemoryClientTests : IAsyncLifetime
{
    private readonly TempDirectory _project = new();
    private readonly TempDirectory _keys = new();
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private string Manifest => _project.Combine("hakiri.toml");

    public async Task InitializeAsync()
    {
        global::Hakiri.Testing.ProjectCopy.WithoutStore(RepoPaths.Of("samples", "quickstart"), _project.Path);
        await MustAsync("run", "-m", Manifest);
        await MustAsync("key", "init", "-m", Manifest);
        _tokens["bot"] = await IssueAsync("support-bot", "customers,memory", "read", "write:memory");
        _tokens["planner"] = await IssueAsync("planner", "memory", "read", "write:memory");
        _tokens["viewer"] = await IssueAsync("viewer", "memory", "read");
        _tokens["curator"] = await IssueAsync("curator", "memory", "read", "write:memory", "delete:memory:any");
    }

    public Task DisposeAsync()
    {
        _project.Dispose();
        _keys.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TypeScriptClient_WithTokens_WritesSearchesDeletesOwnRowsOnly_AndTheTextIsGone()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest);
        var botId = Id(await CallAsync(server, "bot", Write("Ana prefers invoices in EUR, sent on the 1st", "billing", "customer:c-17")));
        var plannerId = Id(await CallAsync(server, "planner", Write("remember zebracorn-passphrase-7731 for the quarterly plan", "planning")));

        var found = await CallAsync(server, "bot",
            new { name = ToolNames.MemorySearch, arguments = new { search = "invoices" } },
            new { name = ToolNames.MemoryDelete, arguments = new { id = plannerId } },
            new { name = ToolNames.MemoryDelete, arguments = new { id = botId } },
            new { name = ToolNames.MemorySearch, arguments = new { search = "invoices" } },
            new { name = ToolNames.Query, arguments = new { sql = "DELETE FROM memory" } });

        var hit = Rows(found[0]).Single();
        Assert.Equal(botId, hit.GetProperty("id").GetString());
        Assert.Equal("support-bot", hit.GetProperty("agent").GetString());
        Assert.Equal("mcp:memory.write", hit.GetProperty("_provenance").GetProperty("source").GetString());
        Assert.True(found[1].GetProperty("isError").GetBoolean());
        Assert.Contains("written by agent 'planner'", Text(found[1]), StringComparison.Ordinal);
        Assert.False(found[2].TryGetProperty("isError", out var deleteError) && deleteError.GetBoolean(), Text(found[2]));
        Assert.Empty(Rows(found[3]));
        Assert.True(found[4].GetProperty("isError").GetBoolean());
        Assert.True(StoreContains("zebracorn"));
        Assert.False(StoreContains("Ana prefers invoices"));

        var curated = await CallAsync(server, "curator", new { name = ToolNames.MemoryDelete, arguments = new { id = plannerId } });
        Assert.False(curated[0].TryGetProperty("isError", out var curatorError) && curatorError.GetBoolean(), Text(curated[0]));
        Assert.False(StoreContains("zebracorn"));

        var audit = await MustAsync("audit", "-m", Manifest, "--table", "memory", "--since", "1h", "-f", "json");
        Assert.Contains("memory.write", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains("memory.delete", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains("memory.search", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains("curator", audit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScriptClient_TokenWithoutWriteMemory_IsRefused_AndNothingIsStored()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest);

        var results = await CallAsync(server, "viewer", Write("a note the viewer may not keep"), new { name = ToolNames.MemorySearch, arguments = new { } });

        Assert.True(results[0].GetProperty("isError").GetBoolean());
        Assert.Contains("does not allow write:memory", Text(results[0]), StringComparison.Ordinal);
        Assert.Empty(Rows(results[1]));
        Assert.Contains("No memory yet", results[1].GetProperty("structuredContent").GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScriptClient_TokenWithoutMemoryTable_CannotSearchIt()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest);
        await CallAsync(server, "planner", Write("planner's private plan"));
        var narrow = await IssueAsync("narrow", "customers", "read", "write:memory");
        _tokens["narrow"] = narrow;

        var results = await CallAsync(server, "narrow",
            new { name = ToolNames.MemorySearch, arguments = new { search = "plan" } },
            new { name = ToolNames.Query, arguments = new { sql = "SELECT text FROM memory" } });

        Assert.Contains("does not grant the 'memory' table", Text(results[0]), StringComparison.Ordinal);
        Assert.True(results[1].GetProperty("isError").GetBoolean());
    }

    private static object Write(string text, params string[] tags) => new { name = ToolNames.MemoryWrite, arguments = new { text, tags } };

    private async Task<JsonElement[]> CallAsync(ServerProcess server, string who, params object[] calls)
    {
        var spec = new { transport = "http", url = server.Url.ToString(), headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + _tokens[who] }, calls };
        var output = await ClientTests.TypeScriptAsync(spec);
        Assert.False(output.TryGetProperty("connect_error", out var refused), refused.ToString());
        return output.GetProperty("results").EnumerateArray().ToArray();
    }

    private static string Id(JsonElement[] results)
    {
        Assert.False(results[0].TryGetProperty("isError", out var error) && error.GetBoolean(), Text(results[0]));
        return results[0].GetProperty("structuredContent").GetProperty("id").GetString()!;
    }

    private static JsonElement[] Rows(JsonElement result) => result.GetProperty("structuredContent").GetProperty("rows").EnumerateArray().ToArray();

    private static string Text(JsonElement result) => result.GetProperty("content")[0].GetProperty("text").GetString()!;

    private bool StoreContains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(_project.Combine(".hakiri"), "*", SearchOption.AllDirectories)
            .Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }

    private async Task<string> IssueAsync(string agent, string tables, params string[] actions) =>
        (await MustAsync(["token", "issue", "-m", Manifest, "--agent", agent, "--tables", tables, "--ttl", "1h", .. actions.SelectMany(a => new[] { "--action", a })])).Stdout.Trim();

    private async Task<ProcessResult> MustAsync(params string[] args)
    {
        var result = await ExternalProcess.RunAsync("dotnet", [Hakiri.Dll, .. args], timeout: TimeSpan.FromMinutes(3),
            environment: new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_KEY_DIR"] = _keys.Path });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
