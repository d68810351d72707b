using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tasks;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Execution;

/// <summary>Retry timing is read from the manual clock's recorded delays: exact, and never slept.</summary>
public sealed class RetryTests
{
    private static string TaskWithRetry(string retry, string catchJson = """[{"ErrorEquals":["Never.Raised"],"Next":"Z"}]""") => $$$$"""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"r","Retry":{{{{retry}}}},"Catch":{{{{catchJson}}}},"End":true},
          "Z":{"Type":"Pass","Result":"caught","End":true}}}
        """;

    private static double[] Seconds(ManualTimeProvider clock) => [.. clock.RequestedDelays.Select(d => d.TotalSeconds)];

    [Fact]
    public async Task Retry_JitterNone_DelaysDoubleFromInterval()
    {
        var clock = new ManualTimeProvider();
        var tasks = ScriptedTasks.FailingThen("\"ok\"", "E", "E", "E");
        var result = await Asl.RunAsync(TaskWithRetry("""[{"ErrorEquals":["E"],"IntervalSeconds":1,"BackoffRate":2,"MaxAttempts":3,"JitterStrategy":"NONE"}]"""), "{}", tasks, clock);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal([1.0, 2.0, 4.0], Seconds(clock));
        Assert.Equal(TimeSpan.FromSeconds(7), result.StopDate - result.StartDate);
    }

    [Fact]
    public async Task Retry_Defaults_ThreeRetriesOneSecondDoublingThenFails()
    {
        var clock = new ManualTimeProvider();
        var tasks = ScriptedTasks.FailingThen("\"never\"", "E", "E", "E", "E");
        var result = await Asl.RunAsync(TaskWithRetry("""[{"ErrorEquals":["E"]}]"""), "{}", tasks, clock);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("E", result.Error);
        Assert.Equal("attempt 4 failed", result.Cause);
        Assert.Equal(4, tasks.Calls.Count);
        Assert.Equal([1.0, 2.0, 4.0], Seconds(clock));
        Assert.Equal([0, 1, 2, 3], tasks.Calls.Select(c => c.RetryCount));
    }

    [Fact]
    public async Task Retry_MaxDelaySeconds_CapsTheBackoff()
    {
        var clock = new ManualTimeProvider();
        var tasks = ScriptedTasks.FailingThen("1", "E", "E", "E", "E");
        await Asl.RunAsync(TaskWithRetry("""[{"ErrorEquals":["E"],"IntervalSeconds":3,"BackoffRate":3,"MaxAttempts":4,"MaxDelaySeconds":20}]"""), "{}", tasks, clock);
        Assert.Equal([3.0, 9.0, 20.0, 20.0], Seconds(clock));
    }

    [Fact]
    public async Task Retry_FractionalBackoffRate_MultipliesExactly()
    {
        var clock = new ManualTimeProvider();
        await Asl.RunAsync(TaskWithRetry("""[{"ErrorEquals":["E"],"IntervalSeconds":2,"BackoffRate":1.5,"MaxAttempts":3}]"""), "{}", ScriptedTasks.FailingThen("1", "E", "E", "E"), clock);
        Assert.Equal([2.0, 3.0, 4.5], Seconds(clock));
    }

    [Fact]
    public async Task Retry_JitterFull_DelaysWithinBoundsAndRepeatableWithSeed()
    {
        const string retry = """[{"ErrorEquals":["E"],"IntervalSeconds":4,"BackoffRate":2,"MaxAttempts":4,"JitterStrategy":"FULL"}]""";
        async Task<double[]> DelaysAsync(int seed)
        {
            var clock = new ManualTimeProvider();
            var options = new ExecutionOptions { RandomSeed = seed, ExecutionName = "jitter" };
            await Asl.RunAsync(TaskWithRetry(retry), "{}", ScriptedTasks.FailingThen("1", "E", "E", "E", "E"), clock, options);
            return Seconds(clock);
        }

        var first = await DelaysAsync(42);
        var again = await DelaysAsync(42);
        var other = await DelaysAsync(43);
        double[] nominal = [4, 8, 16, 32];
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first.Zip(nominal), pair => Assert.InRange(pair.First, 0, pair.Second));
        Assert.NotEqual(nominal, first);
    }

    [Fact]
    public async Task Retry_SeveralRetriers_EachCountsItsOwnAttempts()
    {
        // The documentation's example: errors ErrorA, ErrorB, ErrorC, ErrorB against two retriers and a catch-all.
        var clock = new ManualTimeProvider();
        var tasks = ScriptedTasks.FailingThen("\"unreached\"", "ErrorA", "ErrorB", "ErrorC", "ErrorB");
        var definition = TaskWithRetry(
            """[{"ErrorEquals":["ErrorA","ErrorB"],"IntervalSeconds":1,"BackoffRate":2.0,"MaxAttempts":2},{"ErrorEquals":["ErrorC"],"IntervalSeconds":5}]""",
            """[{"ErrorEquals":["States.ALL"],"Next":"Z"}]""");
        var result = await Asl.RunAsync(definition, "{}", tasks, clock);
        Assert.Equal([1.0, 2.0, 5.0], Seconds(clock));
        Assert.Equal(4, tasks.Calls.Count);
        Assert.Equal("caught", (string?)result.Output);
    }

    [Fact]
    public async Task Retry_MaxAttemptsZero_FirstMatchingRetrierStopsLaterOnes()
    {
        var clock = new ManualTimeProvider();
        var tasks = ScriptedTasks.FailingThen("1", "E");
        var definition = TaskWithRetry("""[{"ErrorEquals":["E"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}]""");
        var result = await Asl.RunAsync(definition, "{}", tasks, clock);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Single(tasks.Calls);
        Assert.Empty(clock.RequestedDelays);
    }

    [Theory]
    [InlineData("States.ALL", "Anything", true)]
    [InlineData("States.TaskFailed", "Hakiri.Transient", true)]
    [InlineData("States.TaskFailed", "States.Timeout", false)]
    [InlineData("States.Timeout", "States.Timeout", true)]
    [InlineData("Hakiri.RateLimited", "Hakiri.Transient", false)]
    [InlineData("hakiri.transient", "Hakiri.Transient", false)]
    public async Task Retry_ErrorEquals_MatchesPerSpecification(string errorEquals, string error, bool retried)
    {
        var tasks = ScriptedTasks.FailingThen("1", error);
        var result = await Asl.RunAsync(TaskWithRetry($$"""[{"ErrorEquals":["{{errorEquals}}"]}]"""), "{}", tasks);
        Assert.Equal(retried ? 2 : 1, tasks.Calls.Count);
        Assert.Equal(retried ? ExecutionStatus.Succeeded : ExecutionStatus.Failed, result.Status);
    }

    [Fact]
    public async Task Retry_ContextRetryCount_VisibleToParameters()
    {
        var definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"r","Parameters":{"n.$":"$$.State.RetryCount"},
              "Retry":[{"ErrorEquals":["E"],"MaxAttempts":2}],"End":true}}}
            """;
        var seen = new List<int>();
        var attempt = 0;
        var tasks = new ScriptedTasks((_, p, _) =>
        {
            seen.Add((int)p!["n"]!);
            return attempt++ < 2 ? throw new TaskFailedException("E", "again") : JsonValue.Create("done");
        });
        await Asl.RunAsync(definition, "{}", tasks);
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public async Task Retry_UnexpectedException_ErrorNameIsTheExceptionType()
    {
        var definition = TaskWithRetry("""[{"ErrorEquals":["InvalidOperationException"],"MaxAttempts":1}]""");
        var tasks = new ScriptedTasks((_, _, _) => throw new InvalidOperationException("boom"));
        var result = await Asl.RunAsync(definition, "{}", tasks);
        Assert.Equal(2, tasks.Calls.Count);
        Assert.Equal("InvalidOperationException", result.Error);
        Assert.Equal("boom", result.Cause);
    }

    [Fact]
    public async Task Retry_StatesAllOnRuntimeError_DoesNotRetry()
    {
        var definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"r","ResultSelector":{"x.$":"$.missing"},
              "Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}}}
            """;
        var tasks = ScriptedTasks.Returning("{}");
        var result = await Asl.RunAsync(definition, "{}", tasks);
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Single(tasks.Calls);
    }
}
