using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Wasm;

/// <summary>
/// The hostile guest under <c>hakiri run</c>: a limit hit is retried once with a fresh instance and the same limit on
/// the retry stops the run as permanent; a trap stops it at once; neither lands a row.
/// </summary>
[Collection(WasmGuestsCollection.Name)]
public sealed class WasmLimitsTests(WasmGuestsFixture guests)
{
    private static string Manifest(string attack) => $$"""
        [project]
        name = "hostile-e2e"

        [connectors.hostile]
        path = "connectors/hostile"
        grant = ["http:127.0.0.1"]

        [pipelines.hostile.source]
        connector = "hostile"
        attack = "{{attack}}"
        """;

    [Theory]
    [InlineData("loop", "fuel = 10000000", "fuel (10000000 units)")]
    [InlineData("memory-bomb", "memory_mb = 16", "memory (16777216 bytes)")]
    [InlineData("loop", "fuel = 100000000000\nnext_timeout_seconds = 1", "deadline (1000 ms)")]
    public async Task Run_GuestPastItsLimit_RetriesOnceThenFailsPermanentlyWithNoRows(string attack, string limit, string exhausted)
    {
        using var dir = new TempDirectory();
        await guests.CopyIntoAsync(dir, "c", "hostile", "hostile", toml => toml + $"\n[limits]\n{limit}\n");
        var manifest = dir.Write("hakiri.toml", Manifest(attack));

        var run = await HakiriProcess.RunAsync("run", "-m", manifest);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"connector hostile: resource exhausted: {exhausted} in next of table hostile; the retry hit the same limit", run.Stderr, StringComparison.Ordinal);
        var shown = await ShowOnlyRunAsync(dir, manifest);
        Assert.Contains($"TaskFailed  error=Hakiri.Transient  cause=connector hostile: resource exhausted: {exhausted}", shown, StringComparison.Ordinal);
        Assert.Contains($"error: Hakiri.Permanent: pull-batch failed for table hostile: connector hostile: resource exhausted: {exhausted}", shown, StringComparison.Ordinal);
        Assert.Contains("the retry hit the same limit", shown, StringComparison.Ordinal);
        Assert.Equal(2, Attempts(shown));
        AssertNoRows(dir);
    }

    [Fact]
    public async Task Run_GuestTraps_FailsPermanentlyAtTheFirstAttemptWithNoRows()
    {
        using var dir = new TempDirectory();
        await guests.CopyIntoAsync(dir, "c", "hostile", "hostile");
        var manifest = dir.Write("hakiri.toml", Manifest("trap"));

        var run = await HakiriProcess.RunAsync("run", "-m", manifest);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("connector hostile trapped in next of table hostile: wasm trap: wasm `unreachable` instruction executed", run.Stderr, StringComparison.Ordinal);
        var shown = await ShowOnlyRunAsync(dir, manifest);
        Assert.Contains("error: Hakiri.Permanent: pull-batch failed for table hostile: connector hostile trapped", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Hakiri.Transient", shown, StringComparison.Ordinal);
        Assert.Equal(1, Attempts(shown));
        AssertNoRows(dir);
    }

    private static async Task<string> ShowOnlyRunAsync(TempDirectory dir, string manifest)
    {
        var shown = await HakiriProcess.RunAsync("runs", "show", Assert.Single(WasmRunTests.RunIds(dir)), "-m", manifest);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        return shown.Stdout;
    }

    // How many times the pull-batch task was scheduled in the run's execution history (its retries stay in the state).
    private static int Attempts(string shown) =>
        shown.Split('\n')
            .SkipWhile(line => !line.Contains("TaskStateEntered  PullBatch", StringComparison.Ordinal))
            .Count(line => line.Contains("TaskScheduled", StringComparison.Ordinal));

    private static void AssertNoRows(TempDirectory dir)
    {
        var data = dir.Combine(".hakiri", "data");
        Assert.False(Directory.Exists(data) && Directory.EnumerateFiles(data, "*.parquet", SearchOption.AllDirectories).Any(), "the store holds rows");
    }
}
