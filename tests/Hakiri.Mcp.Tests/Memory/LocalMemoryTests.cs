using System.Text.Json;
using Hakiri.Mcp.Tools;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests.Memory;

/// <summary>
/// A server without [access] tokens: memory writes need the explicit <c>hakiri serve --memory</c> opt-in, rows are then
/// the agent 'local''s, and with <c>[memory] model</c> memory.search finds them by meaning.
/// </summary>
public sealed class LocalMemoryTests : IAsyncLifetime
{
    private readonly TempDirectory _project = new();

    private string Manifest => _project.Combine("hakiri.toml");

    public async Task InitializeAsync()
    {
        global::Hakiri.Testing.ProjectCopy.WithoutStore(RepoPaths.Of("samples", "quickstart"), _project.Path);
        File.AppendAllText(Manifest, "\n[memory]\nmodel = \"all-MiniLM-L6-v2\"\n");
        var run = await Hakiri.RunAsync("run", "-m", Manifest);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    public Task DisposeAsync()
    {
        _project.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TypeScriptClient_NoTokensWithoutMemoryFlag_WriteRefused()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest);

        var results = await CallAsync(server, new { name = ToolNames.MemoryWrite, arguments = new { text = "should not be kept" } });

        Assert.True(results[0].GetProperty("isError").GetBoolean());
        Assert.Contains("hakiri serve --memory", results[0].GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_project.Combine(".hakiri", "data", "memory")));
    }

    [Fact]
    public async Task TypeScriptClient_MemoryFlag_WritesAsLocal_AndSimilarToFindsByMeaning()
    {
        await using var server = await Hakiri.StartHttpAsync(Manifest, "--memory");

        var written = await CallAsync(server,
            new { name = ToolNames.MemoryWrite, arguments = new { text = "The customer wants the vacuum flask shipped to Osaka", tags = new[] { "shipping" } } },
            new { name = ToolNames.MemoryWrite, arguments = new { text = "Quarterly tax forms are due at the end of March" } });
        var found = await CallAsync(server,
            new { name = ToolNames.MemorySearch, arguments = new { similar_to = "where should the thermos be delivered", n = 1 } },
            new { name = ToolNames.MemorySearch, arguments = new { filter = new { agent = "local" } } });

        Assert.All(written, w => Assert.False(w.TryGetProperty("isError", out var e) && e.GetBoolean(), w.ToString()));
        var best = found[0].GetProperty("structuredContent").GetProperty("rows").EnumerateArray().Single();
        Assert.Contains("Osaka", best.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("local", best.GetProperty("agent").GetString());
        Assert.Equal(2, found[1].GetProperty("structuredContent").GetProperty("rows").GetArrayLength());
    }

    private static async Task<JsonElement[]> CallAsync(ServerProcess server, params object[] calls)
    {
        var output = await ClientTests.TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), calls });
        return output.GetProperty("results").EnumerateArray().ToArray();
    }
}
