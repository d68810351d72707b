using System.Globalization;
using System.Text;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>
/// Kills <c>hakiri run</c> with SIGKILL at random moments of a multi-million-row run, again and again, then lets a
/// run finish: no row may be lost or duplicated, and the catalog and the data directory must agree exactly.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Kills = 12;
    private const int RowsPerFile = 200_000;

    [Fact]
    public async Task Run_KilledAtRandomMoments_RecoversWithNoRowLostOrDuplicated()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", """
            [project]
            name = "crash"
            [pipelines.events]
            primary_key = ["id"]
            [pipelines.events.source]
            connector = "file"
            path = "in/*.csv"
            [pipelines.log.source]
            connector = "file"
            path = "in/*.csv"
            """.Replace("[pipelines.log.source]", "[pipelines.log]\ntable = \"log\"\n[pipelines.log.source]", StringComparison.Ordinal));
        var random = new Random(20261121);
        var killedAt = new List<int>();
        for (var i = 0; i < Kills; i++)
        {
            WriteFile(dir.Combine("in", $"part-{i:D2}.csv"), i * RowsPerFile);
            using var process = HakiriProcess.Start("run", "-m", manifest);
            var delay = random.Next(30, 700);
            var exited = process.WaitForExit(delay);
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                killedAt.Add(delay);
            }
        }

        var final = await HakiriProcess.RunAsync("run", "-m", manifest);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(killedAt.Count >= Kills / 2, $"only {killedAt.Count} runs were killed mid-way; the test did not exercise crashes");
        const long expected = (long)Kills * RowsPerFile;
        var store = dir.Combine(".hakiri");
        foreach (var table in new[] { "events", "log" })
        {
            var plain = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n, count(DISTINCT id) AS k FROM '{store}/data/{table}/**/*.parquet'");
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), plain[0].GetProperty("n").ToString());
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), plain[0].GetProperty("k").ToString());
            var catalogRows = await PlainReaders.Sqlite3Async(Path.Combine(store, "catalog.sqlite"), $"SELECT row_count FROM tables WHERE name = '{table}'");
            Assert.Equal([expected.ToString(CultureInfo.InvariantCulture)], catalogRows);
        }

        var referenced = (await PlainReaders.Sqlite3Async(Path.Combine(store, "catalog.sqlite"), "SELECT path FROM files ORDER BY path")).ToHashSet();
        var onDisk = Directory.GetFiles(Path.Combine(store, "data"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(store, f).Replace('\\', '/')).ToHashSet();
        Assert.Equal(referenced.Order(), onDisk.Order());
        var interrupted = await PlainReaders.Sqlite3Async(Path.Combine(store, "catalog.sqlite"), "SELECT count(*) FROM runs WHERE status = 'running'");
        Assert.Equal(["0"], interrupted);
    }

    private static void WriteFile(string path, int firstId)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder("id,kind,amount,note\n", RowsPerFile * 40);
        for (var id = firstId; id < firstId + RowsPerFile; id++)
        {
            text.Append(id).Append(',').Append(id % 7 == 0 ? "refund" : "sale").Append(',')
                .Append((id % 1000 / 10.0).ToString(CultureInfo.InvariantCulture)).Append(",note ").Append(id % 97).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
