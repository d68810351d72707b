using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Redaction;

/// <summary>
/// What a pipeline's redaction needs before anything is written: the salt of hash mode, and — for a table that already
/// holds data — the same redaction the catalog records for its files. A changed redaction is never applied silently:
/// the run refuses and names <c>hakiri redact apply</c>, which rewrites the stored files.
/// </summary>
internal static class RedactionGate
{
    /// <summary>The project salt of a hash-mode pipeline, or <see langword="null"/> for other pipelines.</summary>
    /// <exception cref="StepFailedException">Hash mode without a salt (BadInput).</exception>
    public static string? Salt(StepContext context, PipelineManifest pipeline)
    {
        if (pipeline.Redaction is not { Mode: RedactionMode.Hash, Any: true })
        {
            return null;
        }

        var salt = context.ConnectorServices(pipeline).Environment(RedactionManifest.SaltVariable);
        return string.IsNullOrEmpty(salt)
            ? throw new StepFailedException(StepErrors.BadInput,
                $"Pipeline '{pipeline.Name}' hashes redacted columns ({string.Join(", ", pipeline.Redaction.Columns)}) but {RedactionManifest.SaltVariable} is not set; "
                + $"set it to the project's secret salt (on AWS, map it under [deploy.aws] secrets) and run again — nothing was written.")
            : salt;
    }

    /// <summary>The redaction this run writes under, after checking it matches the one the table's stored files are under.</summary>
    /// <exception cref="StepFailedException">No salt for hash mode, or a redaction that differs from the stored data's (BadInput).</exception>
    public static TableRedactionRecord Check(StepContext context, PipelineManifest pipeline, CatalogDatabase catalog)
    {
        var wanted = RedactionSql.Record(pipeline.Redaction, Salt(context, pipeline));
        var recorded = catalog.GetRedaction(pipeline.Table) ?? TableRedactionRecord.None;
        if (catalog.GetTable(pipeline.Table) is { FileCount: > 0 } && !recorded.SameAs(wanted))
        {
            throw new StepFailedException(StepErrors.BadInput,
                $"Table '{pipeline.Table}' holds data written under {recorded.Describe()}, but pipeline '{pipeline.Name}' now asks for {wanted.Describe()}; "
                + $"run `hakiri redact apply {pipeline.Name}` to rewrite the stored files under the new redaction, then run again — nothing was written.");
        }

        return wanted;
    }
}
