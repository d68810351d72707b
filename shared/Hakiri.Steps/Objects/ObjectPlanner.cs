using Hakiri.Connectors.Contract;
using Hakiri.Manifest.Globs;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Planning;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Objects;

/// <summary>
/// discover for an <c>s3</c> source: lists the objects under the prefix (matching the glob, when there is one) and
/// plans those whose (key, ETag, size) the catalog has not committed — the file connector's plan, with objects for files.
/// </summary>
internal static class ObjectPlanner
{
    public static async Task<TablePlan> PlanAsync(StepContext context, PipelineManifest pipeline, S3SourceManifest source,
        IReadOnlyDictionary<string, SourceFileRecord> ingested, CancellationToken cancellationToken)
    {
        var glob = source.Glob is null ? null : GlobPattern.TryParse(source.Glob, out _)
            ?? throw new StepFailedException(StepErrors.Permanent, $"The glob '{source.Glob}' of pipeline '{pipeline.Name}' is not valid; run 'hakiri validate'.");
        var files = new List<PlannedFile>();
        var unchanged = 0;
        using var objects = ObjectSources.Open(context, pipeline, source);
        try
        {
            await foreach (var item in objects.ListAsync(source.Prefix, cancellationToken).ConfigureAwait(false))
            {
                // A key ending in / is a console-made "folder", never data.
                if (item.Key.EndsWith('/') || (glob is not null && !glob.IsMatch(item.Key)))
                {
                    continue;
                }

                var locator = ObjectSources.Locator(source, item.Key);
                var fingerprint = item.Fingerprint;
                if (ingested.TryGetValue(locator, out var known) && known.Fingerprint == fingerprint)
                {
                    unchanged++;
                    continue;
                }

                files.Add(new PlannedFile(locator, item.Key, fingerprint, Replaces: known is not null));
            }
        }
        catch (ConnectorException e)
        {
            throw ObjectSources.Failure(pipeline, e);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.AbsolutePath, b.AbsolutePath));
        return new TablePlan(files, unchanged);
    }
}
