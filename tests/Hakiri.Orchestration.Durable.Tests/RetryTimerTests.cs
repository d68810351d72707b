using System.Text.Json;
using Hakiri.Model.Steps;
using Hakiri.Orchestration.Durable.Tests.Support;

namespace Hakiri.Orchestration.Durable.Tests;

/// <summary>The durable timers the orchestrator schedules between retries, read off a hand-driven context (no waiting).</summary>
public sealed class RetryTimerTests
{
    [Fact]
    public async Task RunAsync_RateLimitedSixTimes_SixTimersOfTheRulesBackoffThenSuccess()
    {
        var (result, timers) = await RunAsync(failures: 6, StepErrors.RateLimited);

        Assert.Equal(timers, result!.Retries.Select(r => TimeSpan.FromSeconds(r.DelaySeconds)));
        Assert.Equal(6, timers.Count);
        var caps = new[] { 5, 10, 20, 40, 80, 160 };
        Assert.All(timers.Zip(caps), t => Assert.InRange(t.First.TotalSeconds, 0, t.Second));
        Assert.True(timers.Distinct().Count() > 1, "full jitter draws a different fraction per attempt");
    }

    [Fact]
    public async Task RunAsync_SameRunTwice_SameJitter()
    {
        var (first, _) = await RunAsync(failures: 3, StepErrors.Transient);
        var (second, _) = await RunAsync(failures: 3, StepErrors.Transient);

        Assert.Equal(first!.Retries, second!.Retries);
    }

    [Fact]
    public async Task RunAsync_AuthExpiredTwice_OneRetryThenFailsNamingStepAndTable()
    {
        var (result, timers) = await RunAsync(failures: 2, StepErrors.AuthExpired);

        Assert.Null(result);
        Assert.Equal([TimeSpan.FromSeconds(1)], timers);
    }

    [Fact]
    public async Task RunAsync_SchemaIncompatible_FailsAtOnceWithTheAslCause()
    {
        var context = new ScriptedOrchestrationContext();
        var failure = await Assert.ThrowsAsync<PipelineRunFailedException>(() => Task.Run(async () =>
        {
            var run = PipelineOrchestration.RunAsync(context, null);
            Drive(context, run, failures: 1, StepErrors.SchemaIncompatible);
            await run;
        }));

        Assert.Equal(StepErrors.SchemaIncompatible, failure.ErrorName);
        Assert.Equal("pull-batch failed for table orders: injected", failure.Message);
        Assert.Empty(context.Timers);
    }

    private static async Task<(PipelineRunResult? Result, List<TimeSpan> Timers)> RunAsync(int failures, string error)
    {
        var context = new ScriptedOrchestrationContext();
        var result = await Task.Run(async () =>
        {
            var run = PipelineOrchestration.RunAsync(context, null);
            Drive(context, run, failures, error);
            try
            {
                return await run;
            }
            catch (PipelineRunFailedException)
            {
                return null;
            }
        });
        return (result, context.Timers);
    }

    // One table; its pull-batch fails `failures` times with `error`, everything else succeeds.
    private static void Drive(ScriptedOrchestrationContext context, Task run, int failures, string error)
    {
        while (!run.IsCompleted)
        {
            var call = context.Pending[0];
            var envelope = call.Step switch
            {
                StepNames.Discover => StepEnvelope.Succeeded(JsonSerializer.Serialize(
                    new DiscoverOutput("r", [new TableWork("r", "orders", "orders", 1)]), StepContractsJson.Default.DiscoverOutput)),
                StepNames.PullBatch when failures-- > 0 => StepEnvelope.Failed(error, "injected"),
                StepNames.PullBatch => StepEnvelope.Succeeded(JsonSerializer.Serialize(
                    new PullBatchOutput("r", "orders", "orders", null, 0, 0, 0, null, false), StepContractsJson.Default.PullBatchOutput)),
                _ => StepEnvelope.Succeeded("{}"),
            };
            context.Complete(call, envelope.ToJson());
        }
    }
}
