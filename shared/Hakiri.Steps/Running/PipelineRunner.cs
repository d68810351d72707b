using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Hosting;
using Hakiri.Steps.Planning;

namespace Hakiri.Steps.Running;

/// <summary>
/// Runs pipelines by calling the steps directly in order — discover, then per table pull-batch until done, write,
/// compact, index — through a step host. The state machine emulator is the other orchestrator of the same steps.
/// </summary>
public sealed class PipelineRunner(ProjectManifest manifest, IStepHost host, IRunLedger ledger, TimeProvider? clock = null, Action<RunEvent>? observe = null)
{
    /// <summary>The OpenTelemetry source of step spans.</summary>
    public static readonly ActivitySource Telemetry = new("Hakiri.Steps");

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Runs the named pipelines (all when empty) and returns what happened.</summary>
    /// <exception cref="Errors.StepFailedException">A step failed; the run is recorded as failed.</exception>
    public async Task<RunSummary> RunAsync(IReadOnlyList<string> pipelines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var started = Stopwatch.GetTimestamp();
        var runId = RunIds.New(_clock);
        var names = pipelines.Count == 0 ? manifest.Pipelines.Select(p => p.Name).ToArray() : pipelines;
        var recovered = await ledger.BeginAsync(runId, manifest.Name, names, null, cancellationToken).ConfigureAwait(false);
        using var run = Telemetry.StartActivity("hakiri.run");
        run?.SetTag("hakiri.run_id", runId);
        try
        {
            var discovered = await Step("discover", null, new DiscoverInput(runId, pipelines), StepsJsonContext.Default.DiscoverInput,
                StepsJsonContext.Default.DiscoverOutput, o => (0, $"{o.Tables.Sum(t => t.Pending)} new or changed source file(s)"), cancellationToken).ConfigureAwait(false);
            var tables = new List<TableSummary>();
            foreach (var work in discovered.Tables)
            {
                tables.Add(await RunTableAsync(work, cancellationToken).ConfigureAwait(false));
            }

            await ledger.FinishAsync(runId, null, cancellationToken).ConfigureAwait(false);
            return new RunSummary(runId, tables, Stopwatch.GetElapsedTime(started), recovered);
        }
        catch (Exception e)
        {
            run?.SetStatus(ActivityStatusCode.Error, e.Message);
            await ledger.FinishAsync(runId, e.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            // The ledger holds the store lock for the run; one runner runs once.
            await ledger.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A runner for a local store: steps in this process, the store locked for the run.</summary>
    public static PipelineRunner Local(StepContext context, Action<RunEvent>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PipelineRunner(context.Manifest, new InProcessStepHost(context), new LocalRunLedger(context.Layout, context.Clock), context.Clock, observe);
    }

    private async Task<TableSummary> RunTableAsync(TableWork work, CancellationToken cancellationToken)
    {
        string? cursor = null;
        var files = 0;
        long skipped = 0;
        while (work.Pending > 0)
        {
            var batch = await Step("pull-batch", work.Table, new PullBatchInput(work.RunId, work.Pipeline, work.Table, cursor),
                StepsJsonContext.Default.PullBatchInput, StepsJsonContext.Default.PullBatchOutput,
                o => (o.Rows, o.SkippedRows > 0 ? $"{o.Rows} rows, {o.SkippedRows} malformed skipped" : $"{o.Rows} rows"), cancellationToken).ConfigureAwait(false);
            files += batch.Batch is null ? 0 : 1;
            skipped += batch.SkippedRows;
            cursor = batch.NextCursor;
            if (!batch.HasMore)
            {
                break;
            }
        }

        var table = new TableStepInput(work.RunId, work.Pipeline, work.Table);
        var written = await Step("write", work.Table, table, StepsJsonContext.Default.TableStepInput, StepsJsonContext.Default.WriteOutput,
            o => (o.RowsAdded, $"{o.RowsAdded} rows added, {o.RowsReplaced} replaced, {o.RowCount} in table"), cancellationToken).ConfigureAwait(false);
        await Step("compact", work.Table, table, StepsJsonContext.Default.TableStepInput, StepsJsonContext.Default.CompactOutput,
            o => (0, o.FilesBefore == o.FilesAfter ? $"{o.FilesAfter} file(s), nothing to compact" : $"{o.FilesBefore} → {o.FilesAfter} files"), cancellationToken).ConfigureAwait(false);
        var indexed = await Step("index", work.Table, table, StepsJsonContext.Default.TableStepInput, StepsJsonContext.Default.IndexOutput,
            o => (0, o.Message), cancellationToken).ConfigureAwait(false);
        return new TableSummary(work.Pipeline, work.Table, files, written.RowsAdded, written.RowsReplaced, skipped, written.FilesAdded, written.BytesAdded,
            written.RowCount, indexed.Message);
    }

    private async Task<TOut> Step<TIn, TOut>(
        string name, string? table, TIn input, JsonTypeInfo<TIn> inputType, JsonTypeInfo<TOut> outputType,
        Func<TOut, (long Rows, string Detail)> describe, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.StartActivity("hakiri." + name);
        activity?.SetTag("hakiri.table", table);
        observe?.Invoke(new RunEvent(name, table, false, string.Empty, 0, TimeSpan.Zero));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var json = await host.InvokeAsync(name, JsonSerializer.Serialize(input, inputType), cancellationToken).ConfigureAwait(false);
            var output = JsonSerializer.Deserialize(json, outputType)!;
            var (rows, detail) = describe(output);
            activity?.SetTag("hakiri.rows", rows);
            observe?.Invoke(new RunEvent(name, table, true, detail, rows, Stopwatch.GetElapsedTime(started)));
            return output;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }
}
