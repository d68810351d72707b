using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Planning;
using Hakiri.Steps.Sources;

namespace Hakiri.Steps.Objects;

/// <summary>
/// pull-batch for an <c>s3</c> source: streams the batch's one object to the store's <c>tmp/</c> directory (never
/// pushed by a mirror), stages it with the file connector's readers and provenance, and deletes the download.
/// </summary>
internal static class ObjectPull
{
    public static async Task<(long Rows, long Skipped)> StageAsync(StepContext context, PipelineManifest pipeline, S3SourceManifest source,
        string runId, PlannedFile file, string target, CancellationToken cancellationToken)
    {
        // One flat directory, so nothing is left behind per run; the name is unique per run, table and batch.
        var download = Path.Combine(context.Layout.Root, "tmp", "objects",
            $"{runId}-{pipeline.Table}-{Path.GetFileNameWithoutExtension(target)}-{LocalName(file.AbsolutePath)}");
        try
        {
            using (var objects = ObjectSources.Open(context, pipeline, source))
            {
                var landed = await objects.DownloadAsync(file.AbsolutePath, download, cancellationToken).ConfigureAwait(false)
                    ?? throw new StepFailedException(StepErrors.Transient,
                        $"{file.Path}: the object disappeared after discovery; re-run to pick up the current listing.");
                if (landed.Fingerprint != file.Fingerprint)
                {
                    // Landed as it is now; the catalog records the version discover saw, so the next run lands it again.
                    context.ConnectorServices(pipeline).Log?.Invoke($"{file.Path} changed after discovery; the next run lands it again");
                }
            }

            return PullBatchStep.Stage(context, pipeline, runId, SourceFormat.Of(source), file.Path, download, target);
        }
        catch (ConnectorException e)
        {
            throw ObjectSources.Failure(pipeline, e);
        }
        finally
        {
            File.Delete(download);
        }
    }

    // The key's last segment, kept so DuckDB sees its extension (a .gz object is read decompressed), made safe as a file name.
    private static string LocalName(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return safe.Length > 100 ? safe[^100..] : safe;
    }
}
