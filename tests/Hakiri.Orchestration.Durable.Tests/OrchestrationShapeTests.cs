using System.Collections.Concurrent;
using System.Text.Json;
using Hakiri.Model.Steps;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Hakiri.Orchestration.Durable.Tests.Support;

namespace Hakiri.Orchestration.Durable.Tests;

/// <summary>
/// The orchestrator's shape with scripted activities in the in-process Durable host: the Map state's concurrency
/// limit and the pull loop passing the cursor on.
/// </summary>
public sealed class OrchestrationShapeTests
{
    [Fact]
    public async Task RunAsync_SixTables_FourInFlightAndTheFifthWhenOneFinishes()
    {
        var tables = Enumerable.Range(1, 6).Select(n => $"t{n}").ToArray();
        await Task.Run(async () =>
        {
            // No synchronization context here: completing a call runs the orchestrator on to its next await at once.
            var context = new ScriptedOrchestrationContext();
            var run = PipelineOrchestration.RunAsync(context, null);
            context.Complete(Assert.Single(context.Pending), StepEnvelope.Succeeded(Discovered(tables)).ToJson());

            Assert.Equal(["t1", "t2", "t3", "t4"], PulledTables(context));
            foreach (var step in new[] { StepNames.PullBatch, StepNames.Write, StepNames.Compact, StepNames.Index })
            {
                var call = context.Pending.Single(c => c.Step == step && c.Input.Contains("\"t1\"", StringComparison.Ordinal));
                context.Complete(call, StepEnvelope.Succeeded(step == StepNames.PullBatch ? Pulled("t1", null, hasMore: false) : "{}").ToJson());
            }

            Assert.Equal(["t2", "t3", "t4", "t5"], PulledTables(context));
            while (!run.IsCompleted)
            {
                var call = context.Pending[0];
                var table = JsonDocument.Parse(call.Input).RootElement.GetProperty("table").GetString()!;
                context.Complete(call, StepEnvelope.Succeeded(call.Step == StepNames.PullBatch ? Pulled(table, null, hasMore: false) : "{}").ToJson());
            }

            Assert.Equal(tables, (await run).Tables);
        });
    }

    private static string[] PulledTables(ScriptedOrchestrationContext context) =>
        [.. context.Pending.Where(c => c.Step == StepNames.PullBatch)
            .Select(c => JsonDocument.Parse(c.Input).RootElement.GetProperty("table").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task RunAsync_HasMore_PullsAgainWithTheNextCursor()
    {
        var cursors = new ConcurrentQueue<string?>();
        await RunAsync(["orders"], (step, input) =>
        {
            if (step != StepNames.PullBatch)
            {
                return Task.FromResult("{}");
            }

            var cursor = input.GetProperty("cursor").GetString();
            cursors.Enqueue(cursor);
            return Task.FromResult(cursor switch
            {
                null => Pulled("orders", "c1", hasMore: true),
                "c1" => Pulled("orders", "c2", hasMore: true),
                _ => Pulled("orders", "c3", hasMore: false),
            });
        });

        Assert.Equal([null, "c1", "c2"], cursors);
    }

    private static async Task<PipelineRunResult> RunAsync(string[] tables, Func<string, JsonElement, Task<string>> step)
    {
        await using var host = await DurableRun.StartHostAsync(registry =>
        {
            registry.AddOrchestratorFunc<PipelineRunRequest?, PipelineRunResult>(PipelineOrchestration.Name, (context, request) => PipelineOrchestration.RunAsync(context, request));
            registry.AddActivityFunc<string, string>(StepNames.Discover, (_, _) => Task.FromResult(StepEnvelope.Succeeded(Discovered(tables)).ToJson()));
            foreach (var name in StepNames.All.Skip(1))
            {
                registry.AddActivityFunc<string, string>(name, async (_, input) =>
                {
                    using var document = JsonDocument.Parse(input!);
                    return StepEnvelope.Succeeded(await step(name, document.RootElement.Clone())).ToJson();
                });
            }
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestration.Name, new PipelineRunRequest(null));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<PipelineRunResult>()!;
    }

    private static string Discovered(string[] tables) => JsonSerializer.Serialize(
        new DiscoverOutput("r", [.. tables.Select(t => new TableWork("r", t, t, 1))]), StepContractsJson.Default.DiscoverOutput);

    private static string Pulled(string table, string? next, bool hasMore) => JsonSerializer.Serialize(
        new PullBatchOutput("r", table, table, null, 0, 0, 0, next, hasMore), StepContractsJson.Default.PullBatchOutput);
}
