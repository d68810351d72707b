using System.Text.Json;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Indexing;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;

namespace Hakiri.Steps.Hosting;

/// <summary>
/// Runs steps in this process against a store in object storage, through a local mirror: pull the catalog and what
/// the step reads, run it, push what it wrote, commit the catalog conditionally. When another writer committed
/// first, the step is redone on the fresh catalog (steps are idempotent), up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class MirroredStepHost(StepContext context, StoreMirror mirror) : IStepHost
{
    /// <summary>Attempts per step before giving up on contention.</summary>
    public const int MaxAttempts = 8;

    // One mirror directory is one working copy: steps that share it take turns (a Lambda instance runs one
    // invocation at a time too). Parallelism across tables comes from separate hosts, as separate functions would.
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <inheritdoc />
    public async Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InvokeExclusiveAsync(handler, inputJson, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<string> InvokeExclusiveAsync(string handler, string inputJson, CancellationToken cancellationToken)
    {
        var (runId, table, cursor) = Identity(inputJson);
        for (var attempt = 1; ; attempt++)
        {
            await mirror.PullCatalogAsync(cancellationToken).ConfigureAwait(false);
            if (runId is not null && table is not null && handler == StepNames.PullBatch)
            {
                foreach (var prefix in PullBatchStep.StagingReads(runId, table, cursor))
                {
                    await mirror.PullPrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (runId is not null && table is not null && handler == StepNames.Write)
            {
                await mirror.PullPrefixAsync(StoreLayout.StagingPrefix(runId, table) + "/", cancellationToken).ConfigureAwait(false);
            }

            if (table is not null && handler is StepNames.Write or StepNames.Compact or StepNames.Index)
            {
                using var catalog = CatalogDatabase.Open(mirror.Local);
                await mirror.PullFilesAsync(catalog.ListFiles(table).Select(f => f.Path), cancellationToken).ConfigureAwait(false);
            }

            if (table is not null && handler == StepNames.Index && Pipeline(inputJson) is { } pipeline)
            {
                // Only the sidecars this step replaces: their vectors are reused and their deletion must reach the
                // bucket. Segments that stay are never downloaded, so a run that changes nothing moves no index bytes.
                IReadOnlyList<IndexSegmentRecord> replaced;
                using (var catalog = CatalogDatabase.Open(mirror.Local))
                {
                    replaced = TableIndexer.Replaced(catalog, pipeline, table);
                }

                foreach (var segment in replaced)
                {
                    await mirror.PullPrefixAsync(segment.Path + "/", cancellationToken).ConfigureAwait(false);
                }
            }

            var before = mirror.Snapshot();
            var output = await StepDispatcher.InvokeAsync(handler, inputJson, context, cancellationToken).ConfigureAwait(false);
            try
            {
                await mirror.PushAsync(before, cancellationToken).ConfigureAwait(false);
                if (handler == StepNames.Compact && table is not null)
                {
                    await CollectOrphansAsync(table, cancellationToken).ConfigureAwait(false);
                }

                return output;
            }
            catch (PreconditionFailedException) when (attempt < MaxAttempts)
            {
                // Another writer committed the catalog since we read it: redo the step on the new catalog.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (PreconditionFailedException e)
            {
                throw new StepFailedException(StepErrors.Transient,
                    $"{handler}: other writers kept committing to {mirror.Remote.Display} first; gave up after {MaxAttempts} attempts — run again", e);
            }
        }
    }

    /// <summary>
    /// After a compaction commits, deletes the table's data objects that the committed catalog does not reference and
    /// that are older than <see cref="OrphanCollector.DefaultGrace"/>: uploads of writers that lost every commit attempt
    /// or died. One table's prefix per compaction, so a run lists each table once.
    /// </summary>
    private async Task CollectOrphansAsync(string table, CancellationToken cancellationToken)
    {
        HashSet<string> referenced;
        using (var catalog = CatalogDatabase.Open(mirror.Local))
        {
            referenced = catalog.ListFiles(table).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        }

        await OrphanCollector.CollectAsync(mirror.Remote, StoreLayout.TableDataPrefix(table) + "/", referenced,
            context.Clock.GetUtcNow() - OrphanCollector.DefaultGrace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _turn.Dispose();
        return ValueTask.CompletedTask;
    }

    // The manifest's pipeline the input names, or null when it names none (the step itself then says what is wrong).
    private Model.Manifests.PipelineManifest? Pipeline(string inputJson)
    {
        try
        {
            using var json = JsonDocument.Parse(inputJson);
            return json.RootElement.ValueKind == JsonValueKind.Object && Text(json.RootElement, "pipeline") is { } name ? context.Manifest.FindPipeline(name) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string? RunId, string? Table, string? Cursor) Identity(string inputJson)
    {
        try
        {
            using var json = JsonDocument.Parse(inputJson);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            return (Text(root, "run_id"), Text(root, "table"), Text(root, "cursor"));
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
