using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary><c>hakiri run</c> builds the quickstart's indexes; <c>hakiri index rebuild</c> rebuilds them; bad input exits 2.</summary>
public sealed class IndexCommandTests
{
    [Fact]
    public async Task Run_QuickstartProducts_BuildsBothIndexesWithTheLocalModel()
    {
        using var dir = Samples.CopyQuickstart();
        var manifest = dir.Combine("hakiri.toml");

        var run = await CliRunner.RunAsync("run", "-m", manifest, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("indexes: 1 full-text and 1 vector segments built", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("8 rows embedded with all-MiniLM-L6-v2, 0 reused", run.Stdout, StringComparison.Ordinal);
        var segments = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT kind || '=' || row_count FROM index_segments ORDER BY kind");
        Assert.Equal(["fts=8", "vector=8"], segments);
    }

    [Fact]
    public async Task IndexRebuild_Products_ReEmbedsAndReplacesTheSegments()
    {
        using var dir = Samples.CopyQuickstart();
        var manifest = dir.Combine("hakiri.toml");
        await CliRunner.RunAsync("run", "-m", manifest);
        var catalog = dir.Combine(".hakiri", "catalog.sqlite");
        var before = await PlainReaders.Sqlite3Async(catalog, "SELECT path FROM index_segments ORDER BY kind");

        var rebuild = await CliRunner.RunAsync("index", "rebuild", "products", "-m", manifest);

        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Contains("products: indexes: 1 full-text and 1 vector segments built, 0 kept, 2 dropped; 8 rows embedded with all-MiniLM-L6-v2, 0 reused", rebuild.Stdout, StringComparison.Ordinal);
        var after = await PlainReaders.Sqlite3Async(catalog, "SELECT path FROM index_segments ORDER BY kind");
        Assert.Equal(2, after.Length);
        Assert.Empty(after.Intersect(before));
        Assert.All(before, path => Assert.False(Directory.Exists(dir.Combine(".hakiri", path)), path));
    }

    [Fact]
    public async Task IndexRebuild_TableWithoutIndexes_ExitsTwoNamingTheIndexedTables()
    {
        using var dir = Samples.CopyQuickstart();

        var rebuild = await CliRunner.RunAsync("index", "rebuild", "orders", "-m", dir.Combine("hakiri.toml"));

        Assert.Equal(2, rebuild.ExitCode);
        Assert.Contains("no pipeline writing table 'orders' declares indexes — indexed tables: products", rebuild.Stderr, StringComparison.Ordinal);
    }
}
