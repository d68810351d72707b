using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>
/// SIGKILLs <c>hakiri run</c> at random moments while it pages through a 100,000-record, 1,000-page API (each run
/// killed while the API answers a random one of its first 240 requests; 12,500 records are added before every run
/// after the first), then lets a run finish: with and without a primary key, no record is lost or landed twice, and the committed cursor is the
/// largest updated_at the API holds.
/// </summary>
public sealed class HttpCrashSafetyTests
{
    private const int Records = 100_000;
    private const int Kills = 8;

    [Fact]
    public async Task Run_KilledAtRandomMomentsWhilePaging_ResumesWithNothingLostOrTwice()
    {
        await using var api = await TicketsApi.StartAsync(Records);
        api.Token = HttpPipelineTests.Token;
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", HttpPipelineTests.Manifest(api.BaseUrl, perPage: 100)
            + HttpPipelineTests.Pipeline("log", api.BaseUrl, perPage: 100, primaryKey: false, table: "ticket_log"));
        var random = new Random(20261201);
        var killed = 0;
        for (var i = 0; i < Kills; i++)
        {
            if (i > 0)
            {
                // Every run has new records to page through: 125 pages per table, more than the kill point below.
                api.Add(Records / Kills);
            }

            // Killed while the API answers a random request of this run: mid-run by construction, not by timing.
            var killAt = api.Requests + random.Next(1, 240);
            using var process = HakiriProcess.Start(HttpPipelineTests.Environment, "run", "-m", manifest);
            while (api.Requests < killAt && !process.HasExited)
            {
                await Task.Delay(2);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                killed++;
            }
        }

        var final = await HakiriProcess.RunWithEnvironmentAsync(HttpPipelineTests.Environment, "run", "-m", manifest);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(killed == Kills, $"{killed} of {Kills} runs were killed mid-way; the test did not exercise crashes");
        var total = api.Total;
        foreach (var table in new[] { "tickets", "ticket_log" })
        {
            var rows = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n, count(DISTINCT id) AS k FROM '{dir.Combine(".hakiri", "data")}/{table}/**/*.parquet'");
            Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[0].GetProperty("n").ToString());
            Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[0].GetProperty("k").ToString());
            var cursor = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), $"SELECT cursor FROM cursors WHERE table_name = '{table}'");
            Assert.Contains(api.MaxUpdatedAt(), Assert.Single(cursor), StringComparison.Ordinal);
        }

        var running = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT count(*) FROM runs WHERE status = 'running'");
        Assert.Equal(["0"], running);
    }
}
