using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Memory;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Memory;

public sealed class MemoryCommandTests : IDisposable
{
    private readonly TempDirectory _project = new();

    public MemoryCommandTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("samples", "quickstart"), "*", SearchOption.AllDirectories))
        {
            var target = _project.Combine(Path.GetRelativePath(RepoPaths.Of("samples", "quickstart"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private string Manifest => _project.Combine("hakiri.toml");

    private StoreLayout Layout => new(_project.Combine(".hakiri"));

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task List_JsonForOneAgent_PrintsOnlyItsRows()
    {
        var (bot, _) = await SeedAsync();

        var result = await CliRunner.RunAsync("memory", "list", "-m", Manifest, "--agent", "support-bot", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        var rows = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal([bot], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("Ana prefers invoices in EUR — ünïcode 日本", rows[0].GetProperty("text").GetString());
        Assert.Equal(["billing"], rows[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ana@example.com", rows[0].GetProperty("on_behalf_of").GetString());
    }

    [Fact]
    public async Task Export_AgentIntoMissingFolder_TarHoldsParquetAndManifest_DuckDbReadsTheRows()
    {
        var (bot, _) = await SeedAsync();
        var tar = _project.Combine("exports", "2026", "memory.tar");

        var result = await CliRunner.RunAsync("memory", "export", "-m", Manifest, "--agent", "support-bot", "-o", tar);

        Assert.True(result.ExitCode == 0, result.ToString());
        var unpacked = _project.Combine("unpacked");
        Directory.CreateDirectory(unpacked);
        var untar = await ExternalProcess.RunAsync("tar", ["-xf", tar, "-C", unpacked]);
        Assert.Equal(0, untar.ExitCode);
        var parquet = Path.Combine(unpacked, "memory.parquet");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(unpacked, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal(1, root.GetProperty("count").GetInt64());
        Assert.Equal(["support-bot"], root.GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(parquet))), root.GetProperty("parquet").GetProperty("sha256").GetString());
        Assert.Contains(root.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "_hakiri_run_id");
        var rows = await PlainReaders.DuckDbAsync($"SELECT id, agent, text, _hakiri_source AS source FROM read_parquet('{parquet}')");
        Assert.Equal(bot, rows.Single().GetProperty("id").GetString());
        Assert.Equal("mcp:memory.write", rows[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Delete_IdThenAgent_RowsGoneFromEveryStoreFile()
    {
        var (bot, planner) = await SeedAsync();

        var byId = await CliRunner.RunAsync("memory", "delete", "-m", Manifest, "--id", bot);
        var byAgent = await CliRunner.RunAsync("memory", "delete", "-m", Manifest, "--agent", "planner");

        Assert.True(byId.ExitCode == 0, byId.ToString());
        Assert.True(byAgent.ExitCode == 0, byAgent.ToString());
        Assert.Contains(planner, byAgent.Stdout, StringComparison.Ordinal);
        Assert.Empty(MemoryReader.List(Layout));
        Assert.False(StoreContains("invoices in EUR"));
        Assert.False(StoreContains("zebracorn"));
        var live = await PlainReaders.Sqlite3Async(Layout.CatalogPath, "SELECT count(*) FROM files WHERE table_name = 'memory'");
        Assert.Equal(["0"], live);
    }

    [Fact]
    public async Task Delete_UnknownId_ExitsTwoAndLeavesTheStoreUntouched()
    {
        var (bot, _) = await SeedAsync();

        var result = await CliRunner.RunAsync("memory", "delete", "-m", Manifest, "--id", bot, "--id", "mem_000000000000aaaaaaaaaa");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No memory has id mem_000000000000aaaaaaaaaa", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, MemoryReader.List(Layout).Count);
    }

    [Fact]
    public async Task DeleteAndExport_NoMemoryTable_ExitTwoWithASentence()
    {
        var delete = await CliRunner.RunAsync("memory", "delete", "-m", Manifest, "--agent", "support-bot");
        var export = await CliRunner.RunAsync("memory", "export", "-m", Manifest, "-o", _project.Combine("m.tar"));
        var neither = await CliRunner.RunAsync("memory", "delete", "-m", Manifest);

        Assert.Equal(2, delete.ExitCode);
        Assert.Contains("no memory table yet", delete.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, export.ExitCode);
        Assert.Contains("no memory table yet", export.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_project.Combine("m.tar")));
        Assert.Equal(2, neither.ExitCode);
    }

    private async Task<(string Bot, string Planner)> SeedAsync()
    {
        using var memory = new MemoryStore(Layout);
        var bot = await memory.WriteAsync(new Subject("support-bot", "laptop-7", "ana@example.com"), "Ana prefers invoices in EUR — ünïcode 日本", ["billing"], MemoryTable.McpSource);
        var planner = await memory.WriteAsync(new Subject("planner"), "zebracorn launch is on friday", [], MemoryTable.McpSource);
        return (bot, planner);
    }

    private bool StoreContains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(Layout.Root, "*", SearchOption.AllDirectories).Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }
}
