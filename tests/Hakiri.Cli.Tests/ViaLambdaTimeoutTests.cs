using Hakiri.Cli.Tests.Connectors;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests;

/// <summary>
/// <c>hakiri run --via lambda</c> gives each invocation the deployed function's timeout (<c>[deploy.aws]
/// timeout_seconds</c>): a step that runs past it is stopped and fails the run as on Lambda, and a run with a larger
/// timeout lands everything.
/// </summary>
public sealed class ViaLambdaTimeoutTests
{
    [Fact]
    public async Task RunViaLambda_StepPastTheTimeout_FailsTheRun_ThenALargerTimeoutLandsEveryRecord()
    {
        await using var api = await TicketsApi.StartAsync(30);
        api.Token = HttpPipelineTests.Token;
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", HttpPipelineTests.Manifest(api.BaseUrl, perPage: 10) + "\n[deploy.aws]\ntimeout_seconds = 2\n");
        string[] run = ["run", "-m", manifest, "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path()];

        api.Delay = TimeSpan.FromSeconds(5);
        var slow = await HakiriProcess.RunWithEnvironmentAsync(HttpPipelineTests.Environment, run);
        // As the sentence says: a larger timeout (every step, the write's first DuckDB load included, then fits).
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("timeout_seconds = 2", "timeout_seconds = 60", StringComparison.Ordinal));
        api.Delay = TimeSpan.Zero;
        var next = await HakiriProcess.RunWithEnvironmentAsync(HttpPipelineTests.Environment, run);

        Assert.True(slow.ExitCode == 1, slow.ToString());
        Assert.Contains("pull-batch failed for table tickets: Task timed out after 2.00 seconds: the pull-batch function ran past its timeout; raise [deploy.aws] timeout_seconds (up to 900).", slow.Stderr, StringComparison.Ordinal);
        Assert.True(next.ExitCode == 0, next.ToString());
        var rows = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n, count(DISTINCT id) AS k FROM '{dir.Combine(".hakiri", "data")}/tickets/**/*.parquet'");
        Assert.Equal("30", rows[0].GetProperty("n").ToString());
        Assert.Equal("30", rows[0].GetProperty("k").ToString());
    }

    [Fact]
    public async Task RunViaLambda_StepsQueuedBehindOneThatTimesOut_SayItWasTheTimeout()
    {
        // Two tables' pulls queue for one local pull-batch process; the first runs past the timeout and the process is
        // stopped, so the second fails with it. Whichever failure reaches the run first, it names the timeout.
        await using var api = await TicketsApi.StartAsync(30);
        api.Token = HttpPipelineTests.Token;
        api.Delay = TimeSpan.FromSeconds(5);
        using var dir = new TempDirectory();

        var result = await RunTablesViaLambdaAsync(dir, api, ["a", "b"], timeoutSeconds: 2);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Task timed out after 2.00 seconds", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("exited with code", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunViaLambda_StepsQueuedForOneFunction_EachGetsTheWholeTimeout()
    {
        // Three tables pull at once through one local pull-batch process, one after another: each takes 3 s and a little
        // (up to a second more for the first, which loads DuckDB) of a 5 s timeout, which starts when the function takes
        // the invocation, as on Lambda (where each would get an execution environment of its own), not when it is queued.
        await using var api = await TicketsApi.StartAsync(30);
        api.Token = HttpPipelineTests.Token;
        api.Delay = TimeSpan.FromSeconds(3);
        using var dir = new TempDirectory();

        var result = await RunTablesViaLambdaAsync(dir, api, ["a", "b", "c"], timeoutSeconds: 5);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var table in new[] { "tickets_a", "tickets_b", "tickets_c" })
        {
            var rows = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n FROM '{dir.Combine(".hakiri", "data")}/{table}/**/*.parquet'");
            Assert.Equal("30", rows[0].GetProperty("n").ToString());
        }
    }

    // One http pipeline per table (tickets_<name>) over the same API, every function with the given timeout, run through
    // the Lambda bootstrap.
    private static Task<ProcessResult> RunTablesViaLambdaAsync(TempDirectory dir, TicketsApi api, string[] tables, int timeoutSeconds)
    {
        var manifest = dir.Write("hakiri.toml", "[project]\nname = \"queued\"\n"
            + string.Concat(tables.Select(t => HttpPipelineTests.Pipeline("tickets_" + t, api.BaseUrl, perPage: 100, primaryKey: true)))
            + $"\n[deploy.aws]\ntimeout_seconds = {timeoutSeconds}\n");
        return HakiriProcess.RunWithEnvironmentAsync(HttpPipelineTests.Environment,
            "run", "-m", manifest, "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path());
    }
}
