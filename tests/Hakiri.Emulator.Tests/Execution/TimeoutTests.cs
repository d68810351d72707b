using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Tasks;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Execution;

public sealed class TimeoutTests
{
    /// <summary>A task that takes the given time on the execution's clock, optionally sending heartbeats.</summary>
    private static DelegateTaskInvoker TakingSeconds(TimeProvider clock, int seconds, int heartbeatEvery = 0) => new(async (_, _, context, ct) =>
    {
        var elapsed = 0;
        while (elapsed < seconds)
        {
            var step = heartbeatEvery > 0 ? Math.Min(heartbeatEvery, seconds - elapsed) : seconds;
            await clock.DelayAsync(TimeSpan.FromSeconds(step), ct).ConfigureAwait(false);
            elapsed += step;
            context.SendHeartbeat();
        }

        return JsonValue.Create("finished");
    });

    [Fact]
    public async Task Task_RunsPastTimeoutSeconds_FailsWithStatesTimeoutAndCancelsTheTask()
    {
        var clock = new ManualTimeProvider();
        var tasks = new NeverEndingTasks();
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSeconds":30,"End":true}"""), "{}", tasks, clock);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrors.Timeout, result.Error);
        Assert.Equal(1, tasks.Cancelled);
        Assert.Equal(TimeSpan.FromSeconds(30), result.StopDate - result.StartDate);
        Assert.Contains(result.History, e => e.Type == HistoryEventType.TaskTimedOut && e.Error == StatesErrors.Timeout);
    }

    [Fact]
    public async Task Task_FinishesBeforeTimeout_Succeeds()
    {
        var clock = new ManualTimeProvider();
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSeconds":10,"End":true}"""), "{}", TakingSeconds(clock, 5), clock);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(5), result.StopDate - result.StartDate);
    }

    [Fact]
    public async Task Task_SlowerThanTimeout_TimesOutAtTheLimit()
    {
        var clock = new ManualTimeProvider();
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSeconds":3,"End":true}"""), "{}", TakingSeconds(clock, 5), clock);
        Assert.Equal(StatesErrors.Timeout, result.Error);
        Assert.Equal(TimeSpan.FromSeconds(3), result.StopDate - result.StartDate);
    }

    [Fact]
    public async Task Task_TimeoutSecondsPath_ReadsLimitFromInput()
    {
        var clock = new ManualTimeProvider();
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSecondsPath":"$.limit","End":true}"""), """{"limit":4}""", new NeverEndingTasks(), clock);
        Assert.Equal(StatesErrors.Timeout, result.Error);
        Assert.Equal(TimeSpan.FromSeconds(4), result.StopDate - result.StartDate);
    }

    [Fact]
    public async Task Task_TimeoutRetried_SecondAttemptSucceeds()
    {
        var clock = new ManualTimeProvider();
        var attempts = 0;
        var tasks = new DelegateTaskInvoker(async (_, _, _, ct) =>
        {
            if (attempts++ == 0)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }

            return JsonValue.Create("second");
        });
        var definition = Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSeconds":10,"Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":2}],"End":true}""");
        var result = await Asl.RunAsync(definition, "{}", tasks, clock);
        Assert.Equal("second", (string?)result.Output);
        Assert.Equal(TimeSpan.FromSeconds(12), result.StopDate - result.StartDate);
    }

    [Fact]
    public async Task Task_HeartbeatsInTime_Succeeds()
    {
        var clock = new ManualTimeProvider();
        var definition = Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSeconds":100,"HeartbeatSeconds":5,"End":true}""");
        var result = await Asl.RunAsync(definition, "{}", TakingSeconds(clock, 12, heartbeatEvery: 4), clock);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Task_NoHeartbeat_FailsWithHeartbeatTimeoutCaughtAsStatesTimeout()
    {
        var clock = new ManualTimeProvider();
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"r","HeartbeatSeconds":5,"Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Late"}],"End":true},
              "Late":{"Type":"Pass","End":true}}}
            """;
        var result = await Asl.RunAsync(definition, "{}", TakingSeconds(clock, 12), clock);
        Assert.Equal(StatesErrors.HeartbeatTimeout, (string?)result.Output!["Error"]);
        Assert.Equal(TimeSpan.FromSeconds(5), result.StopDate - result.StartDate);
    }

    [Fact]
    public async Task Execution_RunsPastTimeoutSeconds_EndsTimedOut()
    {
        var clock = new ManualTimeProvider();
        var definition = """{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}""";
        var result = await Asl.RunAsync(definition, "{}", clock: clock);
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.Equal(StatesErrors.Timeout, result.Error);
        Assert.Equal(TimeSpan.FromSeconds(10), result.StopDate - result.StartDate);
        Assert.Equal([HistoryEventType.ExecutionStarted, HistoryEventType.WaitStateEntered, HistoryEventType.WaitStateAborted, HistoryEventType.ExecutionTimedOut], result.History.Select(e => e.Type));
    }

    [Fact]
    public async Task Execution_Cancelled_EndsAbortedAndStopsTheTask()
    {
        var tasks = new NeverEndingTasks();
        using var cancel = new CancellationTokenSource();
        var run = new StateMachineInterpreter().RunAsync(
            StateMachineDefinition.Parse(Asl.Single("""{"Type":"Task","Resource":"r","End":true}""")),
            null,
            tasks,
            new ExecutionOptions { TimeProvider = new ManualTimeProvider() },
            cancel.Token);
        await cancel.CancelAsync();
        var result = await run;
        Assert.Equal(ExecutionStatus.Aborted, result.Status);
        Assert.Equal(1, tasks.Cancelled);
        Assert.Equal(HistoryEventType.ExecutionAborted, result.History[^1].Type);
    }
}
