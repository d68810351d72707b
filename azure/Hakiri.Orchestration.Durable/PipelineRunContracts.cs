using System.Text.Json.Serialization;

namespace Hakiri.Orchestration.Durable;

/// <summary>What starts an orchestration: the pipelines to run, or null for all (as a schedule or the HTTP starter passes).</summary>
/// <param name="Pipelines">Pipeline names, or null.</param>
public sealed record PipelineRunRequest([property: JsonPropertyName("pipelines")] IReadOnlyList<string>? Pipelines);

/// <summary>What an orchestration returns.</summary>
/// <param name="RunId">The run id (the instance id).</param>
/// <param name="Tables">The tables processed, in the order discover listed them.</param>
/// <param name="Retries">The retries made, in the order they were scheduled.</param>
public sealed record PipelineRunResult(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("tables")] IReadOnlyList<string> Tables,
    [property: JsonPropertyName("retries")] IReadOnlyList<StepRetry> Retries);

/// <summary>One retry the orchestrator scheduled.</summary>
/// <param name="Step">The step.</param>
/// <param name="Table">The table, or null for discover.</param>
/// <param name="Error">The error name that was retried.</param>
/// <param name="Retry">Which retry of its rule this was (1 for the first).</param>
/// <param name="DelaySeconds">The policy's wait before it (after jitter, before any test scaling).</param>
public sealed record StepRetry(
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("table")] string? Table,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("retry")] int Retry,
    [property: JsonPropertyName("delay_seconds")] double DelaySeconds);

/// <summary>Why a run failed, as the orchestration's custom status carries it: the ASL Fail state's error and cause.</summary>
/// <param name="Error">The step's error name.</param>
/// <param name="Cause">"write failed for table orders: …".</param>
public sealed record PipelineFailure(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("cause")] string Cause);
