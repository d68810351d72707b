using System.Text.Json;
using Hakiri.Model.Manifests;
using Hakiri.Orchestration.Durable;
using Hakiri.Runner;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hakiri.Functions.Azure.Hosting;

/// <summary>
/// What the HTTP starter and the timer slots do, without the Functions host: read the request, check the pipelines
/// against the manifest, start the orchestration with a run id as the instance id, and describe a run's status.
/// </summary>
internal static class RunStarter
{
    /// <summary>Reads a <c>POST /api/runs</c> body: empty or <c>{}</c> runs all pipelines; <c>{"pipelines":[…]}</c> runs those.</summary>
    /// <returns>The request, or null with <paramref name="error"/> set (a sentence for a 400).</returns>
    public static PipelineRunRequest? Read(string body, ProjectManifest manifest, out string? error)
    {
        error = null;
        PipelineRunRequest? request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? new PipelineRunRequest(null) : JsonSerializer.Deserialize(body, AppJson.Default.PipelineRunRequest);
        }
        catch (JsonException e)
        {
            error = $"The request body is not valid JSON ({e.Message}); send {{\"pipelines\": [\"name\"]}} or nothing to run all pipelines.";
            return null;
        }

        request ??= new PipelineRunRequest(null);
        var unknown = (request.Pipelines ?? []).Where(p => manifest.FindPipeline(p) is null).ToArray();
        if (unknown.Length > 0)
        {
            error = $"The project {manifest.Name} has no pipeline {string.Join(", ", unknown)}; its pipelines are {string.Join(", ", manifest.Pipelines.Select(p => p.Name))}.";
            return null;
        }

        return request.Pipelines is { Count: 0 } ? new PipelineRunRequest(null) : request;
    }

    /// <summary>Starts a run; returns its id (the orchestration's instance id).</summary>
    public static async Task<string> StartAsync(DurableTaskClient client, PipelineRunRequest request, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var runId = RunIds.New(clock);
        await client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestration.Name, request, new StartOrchestrationOptions(runId), cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>The status document of a run, or null when there is no such run.</summary>
    public static RunStatus? Status(OrchestrationMetadata? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        var failure = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && metadata.SerializedCustomStatus is { } custom
            ? JsonSerializer.Deserialize(custom, AppJson.Default.PipelineFailure)
            : null;
        var result = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is { } output
            ? JsonSerializer.Deserialize(output, AppJson.Default.PipelineRunResult)
            : null;
        return new RunStatus(metadata.InstanceId, metadata.RuntimeStatus.ToString(), metadata.CreatedAt, metadata.LastUpdatedAt,
            result, failure?.Error ?? metadata.FailureDetails?.ErrorType, failure?.Cause ?? metadata.FailureDetails?.ErrorMessage);
    }
}
