using Hakiri.Model.Steps;

namespace Hakiri.Steps;

/// <summary>
/// <c>index</c>: builds the sidecar indexes a pipeline declares. Index building arrives with the index issue; until
/// then the step reports what is declared and builds nothing, so state machines already have the step in place.
/// </summary>
public static class IndexStep
{
    /// <summary>Runs the step.</summary>
    public static Task<IndexOutput> RunAsync(StepContext context, TableStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var indexes = context.Pipeline(input.Pipeline).Indexes;
        var message = indexes.Any
            ? $"indexes declared ({Describe(indexes)}) are not built by this version; queries scan the table"
            : "no indexes declared";
        return Task.FromResult(new IndexOutput(input.RunId, input.Pipeline, input.Table, message));
    }

    private static string Describe(Model.Manifests.IndexesManifest indexes)
    {
        var parts = new List<string>();
        if (indexes.FullText.Count > 0)
        {
            parts.Add("full-text on " + string.Join(", ", indexes.FullText));
        }

        if (indexes.Vector is { } vector)
        {
            parts.Add($"vector on {vector.Column}");
        }

        return string.Join("; ", parts);
    }
}
