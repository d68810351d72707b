using System.Diagnostics;
using Hakiri.Model.Steps;
using Hakiri.Store;

namespace Hakiri.Steps.Running;

/// <summary>
/// Runs pipelines locally, in-process: discover, then per table pull-batch until done, write, compact, index.
/// Holds the store lock for the whole run and first recovers from any interrupted run.
/// </summary>
public sealed class PipelineRunner(StepContext context, Action<RunEvent>? observe = null)
{
    /// <summary>The OpenTelemetry source of step spans.</summary>
    public static readonly ActivitySource Telemetry = new("Hakiri.Steps");

    /// <summary>Runs the named pipelines (all when empty) and returns what happened.</summary>
    /// <exception cref="Errors.StepFailedException">A step failed; the run is recorded as failed.</exception>
    public async Task<RunSummary> RunAsync(IReadOnlyList<string> pipelines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        var started = Stopwatch.GetTimestamp();
        using var storeLock = await StoreLock.AcquireAsync(context.Layout, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var runId = RunIds.New(context.Clock);
        var names = pipelines.Count == 0 ? context.Manifest.Pipelines.Select(p => p.Name).ToArray() : pipelines;
        StoreJanitor.Report recovered;
        using (var catalog = context.OpenCatalog())
        {
            recovered = StoreJanitor.Recover(context.Layout, catalog);
            catalog.BeginRun(runId, context.Manifest.Name, names);
        }

        using var run = Telemetry.StartActivity("hakiri.run");
        run?.SetTag("hakiri.run_id", runId);
        try
        {
            var discovered = await Step("discover", null, () => DiscoverStep.RunAsync(context, new DiscoverInput(runId, pipelines), cancellationToken),
                o => (0, $"{o.Tables.Sum(t => t.Pending)} new or changed source file(s)")).ConfigureAwait(false);
            var tables = new List<TableSummary>();
            foreach (var work in discovered.Tables)
            {
                tables.Add(await RunTableAsync(work, cancellationToken).ConfigureAwait(false));
            }

            Finish(runId, null);
            var staging = context.Layout.Absolute($"staging/{runId}");
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            return new RunSummary(runId, tables, Stopwatch.GetElapsedTime(started), recovered.InterruptedRuns);
        }
        catch (Exception e)
        {
            run?.SetStatus(ActivityStatusCode.Error, e.Message);
            Finish(runId, e.Message);
            throw;
        }
    }

    private async Task<TableSummary> RunTableAsync(TableWork work, CancellationToken cancellationToken)
    {
        string? cursor = null;
        var files = 0;
        long skipped = 0;
        while (work.Pending > 0)
        {
            var input = new PullBatchInput(work.RunId, work.Pipeline, work.Table, cursor);
            var batch = await Step("pull-batch", work.Table, () => PullBatchStep.RunAsync(context, input, cancellationToken),
                o => (o.Rows, o.SkippedRows > 0 ? $"{o.Rows} rows, {o.SkippedRows} malformed skipped" : $"{o.Rows} rows")).ConfigureAwait(false);
            files += batch.Batch is null ? 0 : 1;
            skipped += batch.SkippedRows;
            cursor = batch.NextCursor;
            if (!batch.HasMore)
            {
                break;
            }
        }

        var table = new TableStepInput(work.RunId, work.Pipeline, work.Table);
        var written = await Step("write", work.Table, () => WriteStep.RunAsync(context, table, cancellationToken),
            o => (o.RowsAdded, $"{o.RowsAdded} rows added, {o.RowsReplaced} replaced, {o.RowCount} in table")).ConfigureAwait(false);
        await Step("compact", work.Table, () => CompactStep.RunAsync(context, table, cancellationToken),
            o => (0, o.FilesBefore == o.FilesAfter ? $"{o.FilesAfter} file(s), nothing to compact" : $"{o.FilesBefore} → {o.FilesAfter} files")).ConfigureAwait(false);
        var indexed = await Step("index", work.Table, () => IndexStep.RunAsync(context, table, cancellationToken), o => (0, o.Message)).ConfigureAwait(false);
        return new TableSummary(work.Pipeline, work.Table, files, written.RowsAdded, written.RowsReplaced, skipped, written.FilesAdded, written.BytesAdded,
            written.RowCount, indexed.Message);
    }

    private async Task<T> Step<T>(string name, string? table, Func<Task<T>> step, Func<T, (long Rows, string Detail)> describe)
    {
        using var activity = Telemetry.StartActivity("hakiri." + name);
        activity?.SetTag("hakiri.table", table);
        observe?.Invoke(new RunEvent(name, table, false, string.Empty, 0, TimeSpan.Zero));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var output = await step().ConfigureAwait(false);
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

    private void Finish(string runId, string? error)
    {
        using var catalog = context.OpenCatalog();
        catalog.FinishRun(runId, error is null, error);
    }
}
