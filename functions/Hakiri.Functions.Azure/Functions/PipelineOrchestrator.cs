using Hakiri.Orchestration.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Hakiri.Functions.Azure.Functions;

/// <summary>The orchestrator trigger: a thin wrapper around the one orchestrator body the tests run too.</summary>
internal static class PipelineOrchestrator
{
    [Function(PipelineOrchestration.Name)]
    public static Task<PipelineRunResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelineOrchestration.RunAsync(context, context.GetInput<PipelineRunRequest>());
}
