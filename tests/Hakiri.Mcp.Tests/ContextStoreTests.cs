using System.Text.Json;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests;

/// <summary>The store a server holds open while runs land new data, with and without in-memory copies.</summary>
public sealed class ContextStoreTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(256L * 1024 * 1024)]
    public async Task Refresh_ARunLandsNewRows_TheNextCallSeesThem(long cacheBytes)
    {
        using var dir = new TempDirectory();
        var manifest = Quickstart(dir);
        Assert.Equal(0, (await Hakiri.RunAsync("run", "-m", manifest, "orders")).ExitCode);
        using var store = ContextStore.Open(new StoreLayout(dir.Combine(".hakiri")), new ContextStoreOptions { CacheBytes = cacheBytes, RefreshInterval = TimeSpan.Zero });
        var tools = new ContextToolset(store);
        await store.CacheLoaded;
        Assert.Equal(9, await CountAsync(tools, "orders"));

        dir.Write("data/orders/2026-03.csv", "order_id,customer_id,product_id,ordered_at,quantity,amount,currency,status\n2001,c-03,p-1,2026-03-01T10:00:00Z,1,9.00,EUR,shipped\n");
        Assert.Equal(0, (await Hakiri.RunAsync("run", "-m", manifest)).ExitCode);

        Assert.Equal(10, await CountAsync(tools, "orders"));
        Assert.Equal(4, await CountAsync(tools, "customers"));
        await store.CacheLoaded;
        Assert.Equal(10, await CountAsync(tools, "orders"));
        var view = await tools.CallAsync(ToolNames.Query, Args("""{"sql": "SELECT sql FROM duckdb_views() WHERE view_name = 'orders'"}"""));
        var definition = view.StructuredContent!.Value.GetProperty("rows")[0].GetProperty("sql").GetString()!;
        Assert.Equal(cacheBytes > 0, definition.Contains("hakiri_cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_NoRunYet_ServesNoTablesAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        var root = dir.Combine(".hakiri");

        using var store = ContextStore.Open(new StoreLayout(root));
        var result = await new ContextToolset(store).CallAsync(ToolNames.ListTables, null);

        Assert.Equal(0, result.StructuredContent!.Value.GetProperty("tables").GetArrayLength());
        Assert.Contains("hakiri run", result.StructuredContent.Value.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [Theory]
    [InlineData("serve --stdio --http 127.0.0.1:0", "exclude each other")]
    [InlineData("serve --http nowhere", "is not ADDRESS:PORT")]
    [InlineData("serve --max-rows 0", "at least 1")]
    public async Task Serve_BadUsage_ExitsTwo(string arguments, string expected)
    {
        using var dir = new TempDirectory();
        var manifest = Quickstart(dir);

        var result = await Hakiri.RunAsync([.. arguments.Split(' '), "-m", manifest]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<long> CountAsync(ContextToolset tools, string table)
    {
        var result = await tools.CallAsync(ToolNames.Query, Args(JsonSerializer.Serialize(new { sql = $"SELECT count(*) AS n FROM {table}" })));
        return result.StructuredContent!.Value.GetProperty("rows")[0].GetProperty("n").GetInt64();
    }

    private static Dictionary<string, JsonElement> Args(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static string Quickstart(TempDirectory dir)
    {
        var from = RepoPaths.Of("samples", "quickstart");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !Path.GetRelativePath(from, f).StartsWith(".hakiri", StringComparison.Ordinal)))
        {
            dir.Write(Path.GetRelativePath(from, file), File.ReadAllText(file));
        }

        return dir.Combine("hakiri.toml");
    }
}
