using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Objects;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Objects;

/// <summary>Opens an <c>s3</c> pipeline's bucket through the host's connector services, and names its objects.</summary>
internal static class ObjectSources
{
    public static IObjectSource Open(StepContext context, PipelineManifest pipeline, S3SourceManifest source) =>
        context.ConnectorServices(pipeline).Objects?.Invoke(source)
        ?? throw new StepFailedException(StepErrors.Permanent,
            $"pipeline '{pipeline.Name}' reads {source.Url}, but this host has no S3 client; run it with the hakiri CLI or the AWS Lambda bootstrap.");

    /// <summary>The row locator's source part and the catalog's source file path: <c>s3://bucket/key</c>.</summary>
    public static string Locator(S3SourceManifest source, string key) => $"s3://{source.Bucket}/{key}";

    /// <summary>A connector failure as the step's error, naming the pipeline.</summary>
    public static StepFailedException Failure(PipelineManifest pipeline, ConnectorException e) =>
        new(e.ErrorName, $"pipeline '{pipeline.Name}': {e.Message}", e);
}
