using System.Text.Json;
using Hakiri.Model.Steps;
using Microsoft.DurableTask;

namespace Hakiri.Orchestration.Durable;

/// <summary>
/// The pipeline orchestration: discover → per table (at most four at once) pull-batch while <c>has_more</c> → write →
/// compact → index, with the ASL state machine's retry policy per error name. The instance id is the run id.
/// </summary>
public static class PipelineOrchestration
{
    /// <summary>The orchestrator's name, in the function app and in the test host.</summary>
    public const string Name = "hakiri-pipeline";

    /// <summary>Runs the pipelines the request names (all when it names none). Does no I/O: activities do.</summary>
    /// <exception cref="PipelineRunFailedException">A step failed after its retries; the message names step and table.</exception>
    public static Task<PipelineRunResult> RunAsync(TaskOrchestrationContext context, PipelineRunRequest? request) =>
        RunAsync(context, request, timerScale: 1.0);

    /// <summary>
    /// As <see cref="RunAsync(TaskOrchestrationContext, PipelineRunRequest?)"/>, with every retry timer scaled by
    /// <paramref name="timerScale"/> (tests pass a small factor so a back-off of seconds takes milliseconds; the
    /// recorded delays stay the policy's).
    /// </summary>
    public static async Task<PipelineRunResult> RunAsync(TaskOrchestrationContext context, PipelineRunRequest? request, double timerScale)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runId = context.InstanceId;
        var steps = new StepCaller(context, timerScale);
        try
        {
            var discoverInput = new DiscoverInput(runId, request?.Pipelines ?? []);
            var discovered = Read(await steps.CallAsync(StepNames.Discover, null,
                JsonSerializer.Serialize(discoverInput, StepContractsJson.Default.DiscoverInput)).ConfigureAwait(true), StepContractsJson.Default.DiscoverOutput);

            // The Map state's MaxConcurrency: a sliding window of table flows; the first failure fails the run.
            var running = new List<Task>(PipelineLimits.TableConcurrency);
            foreach (var work in discovered.Tables)
            {
                if (running.Count == PipelineLimits.TableConcurrency)
                {
                    var done = await Task.WhenAny(running).ConfigureAwait(true);
                    running.Remove(done);
                    await done.ConfigureAwait(true);
                }

                running.Add(RunTableAsync(steps, runId, work));
            }

            await Task.WhenAll(running).ConfigureAwait(true);
            return new PipelineRunResult(runId, [.. discovered.Tables.Select(t => t.Table)], steps.Retries);
        }
        catch (PipelineRunFailedException e)
        {
            context.SetCustomStatus(new PipelineFailure(e.ErrorName, e.Message));
            throw;
        }
    }

    private static async Task RunTableAsync(StepCaller steps, string runId, TableWork work)
    {
        string? cursor = null;
        while (true)
        {
            var pull = new PullBatchInput(runId, work.Pipeline, work.Table, cursor);
            var batch = Read(await steps.CallAsync(StepNames.PullBatch, work.Table,
                JsonSerializer.Serialize(pull, StepContractsJson.Default.PullBatchInput)).ConfigureAwait(true), StepContractsJson.Default.PullBatchOutput);
            if (!batch.HasMore)
            {
                break;
            }

            cursor = batch.NextCursor;
        }

        var table = JsonSerializer.Serialize(new TableStepInput(runId, work.Pipeline, work.Table), StepContractsJson.Default.TableStepInput);
        foreach (var step in new[] { StepNames.Write, StepNames.Compact, StepNames.Index })
        {
            await steps.CallAsync(step, work.Table, table).ConfigureAwait(true);
        }
    }

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"The step output is not a {typeof(T).Name}.");
}
