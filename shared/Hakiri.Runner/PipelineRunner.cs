using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Emit.Asl;
using Hakiri.Emulator;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Tasks;
using Hakiri.Model.Manifests;
using Hakiri.Steps.Errors;
using Hakiri.Steps;
using Hakiri.Steps.Hosting;

namespace Hakiri.Runner;

/// <summary>
/// Runs pipelines the way Step Functions will: emits the project's ASL definition, executes it in the local
/// emulator, and sends each Task to a step host (in-process, a mirrored object store, or the Lambda bootstrap).
/// The run records the definition's hash and keeps the execution history.
/// </summary>
public sealed class PipelineRunner(ProjectManifest manifest, IStepHost host, IRunLedger ledger, TimeProvider? clock = null, Action<RunEvent>? observe = null)
{
    /// <summary>The OpenTelemetry source of run and step spans.</summary>
    public static readonly ActivitySource Telemetry = new("Hakiri.Steps");

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>A runner for a local store: steps in this process, the store locked for the run.</summary>
    public static PipelineRunner Local(StepContext context, Action<RunEvent>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PipelineRunner(context.Manifest, new InProcessStepHost(context), new LocalRunLedger(context.Layout, context.Clock), context.Clock, observe);
    }

    /// <summary>The definition text this runner executes.</summary>
    public string DefinitionText { get; } = PipelineStateMachine.Write(PipelineStateMachine.Build(manifest));

    /// <summary>Runs the named pipelines (all when empty).</summary>
    /// <exception cref="StepFailedException">The execution failed; its error and cause (naming step and table) are kept.</exception>
    public async Task<RunSummary> RunAsync(IReadOnlyList<string> pipelines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var started = Stopwatch.GetTimestamp();
        var runId = RunIds.New(_clock);
        var names = pipelines.Count == 0 ? manifest.Pipelines.Select(p => p.Name).ToArray() : pipelines;
        var hash = PipelineStateMachine.Hash(DefinitionText);
        try
        {
            var recovered = await ledger.BeginAsync(runId, manifest.Name, names, hash, cancellationToken).ConfigureAwait(false);
            var collector = new StepOutputCollector(observe, name => manifest.FindPipeline(name)?.Source is FileSourceManifest or S3SourceManifest);
            using var activity = Telemetry.StartActivity("hakiri.run");
            activity?.SetTag("hakiri.run_id", runId);
            activity?.SetTag("hakiri.definition_sha256", hash);
            var invoker = new DelegateTaskInvoker((resource, parameters, context, token) => InvokeAsync(collector, resource, parameters, context, token));
            var input = new JsonObject { ["pipelines"] = new JsonArray([.. names.Select(n => (JsonNode?)JsonValue.Create(n))]) };
            var result = await new StateMachineInterpreter().RunAsync(StateMachineDefinition.Parse(DefinitionText), input, invoker,
                new ExecutionOptions { TimeProvider = _clock, ExecutionName = runId, StateMachineName = manifest.Name }, cancellationToken).ConfigureAwait(false);
            await ledger.RecordHistoryAsync(runId, ExecutionHistoryJson.Serialize(result.History), cancellationToken).ConfigureAwait(false);
            if (result.Status != ExecutionStatus.Succeeded)
            {
                var failure = new StepFailedException(result.Error ?? "States.Runtime", result.Cause ?? $"The execution ended {result.Status}.");
                activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
                await ledger.FinishAsync(runId, $"{failure.ErrorName}: {failure.Message}", CancellationToken.None).ConfigureAwait(false);
                throw failure;
            }

            await ledger.FinishAsync(runId, null, cancellationToken).ConfigureAwait(false);
            return new RunSummary(runId, collector.Tables(manifest), Stopwatch.GetElapsedTime(started), recovered);
        }
        finally
        {
            // The ledger holds the store lock for the run; one runner runs once.
            await ledger.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<JsonNode?> InvokeAsync(StepOutputCollector collector, string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken)
    {
        var step = StepResources.StepOf(resource) ?? throw new TaskFailedException("States.Runtime", $"The resource '{resource}' names no Hakiri step.");
        var input = parameters?.ToJsonString() ?? "{}";
        var table = parameters?["table"]?.GetValue<string>();
        using var activity = Telemetry.StartActivity("hakiri." + step);
        activity?.SetTag("hakiri.run_id", context.ExecutionName);
        activity?.SetTag("hakiri.step", step);
        activity?.SetTag("hakiri.table", table);
        activity?.SetTag("hakiri.attempt", context.RetryCount + 1);
        collector.Started(step, table);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var output = await host.InvokeAsync(step, input, cancellationToken).ConfigureAwait(false);
            var rows = collector.Finished(step, table, output, Stopwatch.GetElapsedTime(started));
            activity?.SetTag("hakiri.rows", rows);
            var node = JsonNode.Parse(output);
            if (activity is not null && StepBytes(node) is { } bytes)
            {
                activity.SetTag("hakiri.bytes", bytes);
            }

            return node;
        }
        catch (StepFailedException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw new TaskFailedException(e.ErrorName, e.Message, e);
        }
    }

    // Steps report bytes read (pull_batch "bytes") or written (write "bytes_added"); others report none.
    private static long? StepBytes(JsonNode? output) =>
        output is JsonObject o && (o["bytes"] ?? o["bytes_added"]) is JsonValue v && v.TryGetValue<long>(out var bytes) ? bytes : null;
}
