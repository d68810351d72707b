using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Orchestration.Durable;

/// <summary>
/// What an activity returns: the step's output JSON, or the step's error name and cause. A step failure travels as a
/// value rather than as an activity exception so the orchestrator matches retries on the same error NAME the ASL
/// Retry and Catch match (<c>Hakiri.Transient</c>, …); Durable's failure details only carry an exception type.
/// </summary>
/// <param name="Output">The step's output JSON (a Lambda/ASL step document), when it succeeded.</param>
/// <param name="Error">The error name, when it failed.</param>
/// <param name="Cause">The failure's sentence, when it failed.</param>
public sealed record StepEnvelope(
    [property: JsonPropertyName("output")] string? Output,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("cause")] string? Cause)
{
    /// <summary>A succeeded step.</summary>
    public static StepEnvelope Succeeded(string output) => new(output, null, null);

    /// <summary>A failed step.</summary>
    public static StepEnvelope Failed(string error, string cause) => new(null, error, cause);

    /// <summary>The envelope as JSON text (source-generated, AOT-safe).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, OrchestrationJson.Default.StepEnvelope);

    /// <summary>Reads an envelope written by <see cref="ToJson"/>.</summary>
    public static StepEnvelope Parse(string json) =>
        JsonSerializer.Deserialize(json, OrchestrationJson.Default.StepEnvelope) ?? throw new JsonException("The step envelope is null.");
}

/// <summary>Serializes the orchestration's own documents.</summary>
[JsonSerializable(typeof(StepEnvelope))]
[JsonSerializable(typeof(PipelineRunRequest))]
[JsonSerializable(typeof(PipelineRunResult))]
[JsonSerializable(typeof(PipelineFailure))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class OrchestrationJson : JsonSerializerContext;
