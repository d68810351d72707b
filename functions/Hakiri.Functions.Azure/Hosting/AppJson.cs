using System.Text.Json.Serialization;
using Hakiri.Orchestration.Durable;

namespace Hakiri.Functions.Azure.Hosting;

/// <summary>A run's status as <c>GET /api/runs/{id}</c> answers it.</summary>
internal sealed record RunStatus(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_updated_at")] DateTimeOffset LastUpdatedAt,
    [property: JsonPropertyName("result")] PipelineRunResult? Result,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("cause")] string? Cause);

/// <summary>What <c>POST /api/runs</c> answers (202).</summary>
internal sealed record RunStarted(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("status_url")] string StatusUrl);

/// <summary>An error answer: one sentence.</summary>
internal sealed record ErrorAnswer([property: JsonPropertyName("error")] string Error);

/// <summary>The app's JSON (source-generated).</summary>
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(RunStarted))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(PipelineRunRequest))]
[JsonSerializable(typeof(PipelineRunResult))]
[JsonSerializable(typeof(PipelineFailure))]
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AppJson : JsonSerializerContext;
