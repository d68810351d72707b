using System.Text.Json;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>Reads a store with tools Hakiri did not write: DuckDB's own Node client, hyparquet and the sqlite3 shell.</summary>
internal static class PlainReaders
{
    public static async Task<JsonElement[]> DuckDbAsync(string sql)
    {
        var tools = RepoPaths.Of("tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "@duckdb")), "Test tools missing: run scripts/test.sh (or npm ci in tests/tools).");
        var result = await ExternalProcess.RunAsync("node", [Path.Combine(tools, "duckdb-query.mjs"), sql]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<JsonElement[]>(result.Stdout)!;
    }

    // Every row of the files, read by hyparquet, a Parquet reader that shares no code with DuckDB.
    public static async Task<JsonElement[]> ParquetAsync(IEnumerable<string> files)
    {
        var tools = RepoPaths.Of("tests", "tools");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "hyparquet")), "Test tools missing: run scripts/test.sh (or npm ci in tests/tools).");
        var result = await ExternalProcess.RunAsync("node", [Path.Combine(tools, "parquet-read.mjs"), .. files]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<JsonElement[]>(result.Stdout)!;
    }

    public static async Task<string[]> Sqlite3Async(string database, string sql)
    {
        var result = await ExternalProcess.RunAsync("sqlite3", ["-readonly", database, sql]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
