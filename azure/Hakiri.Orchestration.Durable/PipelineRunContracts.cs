using System.Text.Json.Serialization;

namespace Hakiri.Orchestration.Durable;

/// <summary>What starts an orchestration: the pipelines to run, or null for all (as a schedule or the HTTP starter passes).</summary>
/// <param name="Pipelines">Pipeline names, or null.</param>
public sealed record PipelineRunRequest([property: JsonPropertyName("pipelines")] IReadOnlyList<string>? Pipelines);

/// <summary>What an orchestration returns.</summary>
/// <param name="RunId">The run id (the instance id).</param>
/// <param name="Tables">The tables processed.</param>
public sealed record PipelineRunResult(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("tables")] IReadOnlyList<string> Tables);
