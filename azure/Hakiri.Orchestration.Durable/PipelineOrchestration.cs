using Microsoft.DurableTask;

namespace Hakiri.Orchestration.Durable;

/// <summary>
/// The pipeline orchestration: discover → per table (at most four at once) pull-batch while <c>has_more</c> → write →
/// compact → index, with the ASL state machine's retry policy per error name. The instance id is the run id.
/// </summary>
public static class PipelineOrchestration
{
    /// <summary>The orchestrator's name, in the function app and in the test host.</summary>
    public const string Name = "hakiri-pipeline";

    /// <summary>Runs the pipelines the request names (all when it names none). Does no I/O: activities do.</summary>
    public static Task<PipelineRunResult> RunAsync(TaskOrchestrationContext context, PipelineRunRequest? request)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new NotImplementedException("written by the orchestration work of issue 13");
    }
}
