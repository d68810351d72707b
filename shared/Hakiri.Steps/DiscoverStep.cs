using Hakiri.Connectors;
using Hakiri.Manifest.Globs;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Connectors;
using Hakiri.Steps.Objects;
using Hakiri.Steps.Planning;
using Hakiri.Steps.Redaction;
using Hakiri.Steps.Sources;
using Hakiri.Store;

namespace Hakiri.Steps;

/// <summary>
/// <c>discover</c>: for each pipeline, finds what to pull — for the file connector, the files its glob matches that
/// are new or changed since they were last committed; for an object-store source, the objects alike — and leaves the
/// plan in the run's staging area. For a WebAssembly source it first records the connector's provenance in the catalog.
/// </summary>
public static class DiscoverStep
{
    /// <summary>Runs the step.</summary>
    public static async Task<DiscoverOutput> RunAsync(StepContext context, DiscoverInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pipelines = input.Pipelines.Count == 0 ? context.Manifest.Pipelines : input.Pipelines.Select(context.Pipeline).ToArray();
        using var catalog = context.OpenCatalog();
        var work = new List<TableWork>();
        foreach (var pipeline in pipelines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Before anything is pulled: a changed redaction or a missing salt stops the run with nothing staged.
            RedactionGate.Check(context, pipeline, catalog);
            if (pipeline.Source is WasmSourceManifest wasm)
            {
                // Before the connector runs, so even a run it fails names the exact code that was loaded.
                WasmProvenance.Record(catalog, input.RunId, pipeline, wasm);
            }

            var plan = pipeline.Source switch
            {
                FileSourceManifest file => PlanFiles(context, file, catalog.GetSourceFiles(pipeline.Table)),
                S3SourceManifest s3 => await ObjectPlanner.PlanAsync(context, pipeline, s3, catalog.GetSourceFiles(pipeline.Table), cancellationToken).ConfigureAwait(false),
                _ => await LimitStrikes.GuardAsync(
                    Path.Combine(context.Layout.Absolute(StoreLayout.StagingPrefix(input.RunId, pipeline.Table)), "discover.limit"),
                    () => PlanConnectorAsync(context, pipeline, catalog.GetCursor(pipeline.Table), cancellationToken)).ConfigureAwait(false),
            };
            PlanStore.Save(context.Layout.Absolute(StoreLayout.StagingPrefix(input.RunId, pipeline.Table)), plan);
            work.Add(new TableWork(input.RunId, pipeline.Name, pipeline.Table, plan.Connector is null ? plan.Files.Count : 1));
        }

        return new DiscoverOutput(input.RunId, work);
    }

    // A connector source: the connector confirms its table (a WebAssembly or database connector may reach out here),
    // and the plan pins the committed cursor this run starts from. Its work is one unit: pull-batch loops on has_more.
    private static async Task<TablePlan> PlanConnectorAsync(StepContext context, PipelineManifest pipeline, string? cursor, CancellationToken cancellationToken)
    {
        var connector = ConnectorPull.Create(context, pipeline);
        await using var owned = connector as IAsyncDisposable;
        var tables = await ConnectorPull.Guard(pipeline, () => connector.DiscoverAsync(cancellationToken)).ConfigureAwait(false);
        // A WebAssembly connector offering one table is read whatever the pipeline calls its store table.
        var table = tables.FirstOrDefault(t => t.Name == pipeline.Table)
            ?? (pipeline.Source is WasmSourceManifest && tables.Count == 1 ? tables[0] : null)
            ?? throw new StepFailedException(StepErrors.Permanent,
                $"Connector '{pipeline.Source.Connector}' of pipeline '{pipeline.Name}' offers no table '{pipeline.Table}' (it offers {string.Join(", ", tables.Select(t => t.Name))}).");

        // The manifest's primary_key wins; without one, the key the source itself declares (a database table's).
        var key = pipeline.PrimaryKey.Count > 0 ? pipeline.PrimaryKey : table.PrimaryKey;
        var lineage = SourceConnectors.Lineage(pipeline, context.ConnectorServices(pipeline).Environment);
        return new TablePlan([], 0, new ConnectorPlan(cursor, lineage, key, SourceConnectors.ReplacesAll(pipeline),
            table.Name == pipeline.Table ? null : table.Name));
    }

    private static TablePlan PlanFiles(StepContext context, FileSourceManifest source, IReadOnlyDictionary<string, Store.Catalog.SourceFileRecord> ingested)
    {
        var glob = GlobPattern.TryParse(source.Path, out _)
            ?? throw new StepFailedException(StepErrors.Permanent, $"The path '{source.Path}' is not a valid glob; run 'hakiri validate'.");
        var baseDirectory = context.Manifest.BaseDirectory;
        var files = new List<PlannedFile>();
        var unchanged = 0;
        foreach (var absolute in GlobFiles.Match(baseDirectory, glob))
        {
            var relative = Path.GetRelativePath(baseDirectory, absolute).Replace(Path.DirectorySeparatorChar, '/');
            var fingerprint = FileFingerprint.Of(absolute, relative);
            if (ingested.TryGetValue(relative, out var known) && known.Fingerprint == fingerprint)
            {
                unchanged++;
                continue;
            }

            files.Add(new PlannedFile(relative, absolute, fingerprint, Replaces: known is not null));
        }

        return new TablePlan(files, unchanged);
    }
}
