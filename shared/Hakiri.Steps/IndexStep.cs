using Hakiri.Model.Steps;
using Hakiri.Steps.Indexing;

namespace Hakiri.Steps;

/// <summary>
/// <c>index</c>: brings the table's sidecar indexes in line with its live files and the manifest. Every live data file
/// gets a full-text and/or vector segment built for the declared spec; segments of files that are gone (replaced by an
/// upsert or merged by compaction) or built for another spec are dropped in the same catalog transaction. Also records
/// the table guide (<c>agent_description</c> and declared indexes) that servers show agents. Re-running is idempotent.
/// </summary>
public static class IndexStep
{
    /// <summary>Runs the step.</summary>
    public static async Task<IndexOutput> RunAsync(StepContext context, TableStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = context.Pipeline(input.Pipeline);
        var message = await new TableIndexer(context, pipeline, input.Table, input.RunId).RunAsync(rebuild: false, cancellationToken).ConfigureAwait(false);
        return new IndexOutput(input.RunId, input.Pipeline, input.Table, message);
    }
}
