using Hakiri.Functions.Azure.Hosting;
using Hakiri.Model.Steps;
using Hakiri.Orchestration.Durable;
using Microsoft.Azure.Functions.Worker;

namespace Hakiri.Functions.Azure.Functions;

/// <summary>
/// The five steps as Durable activities, named as <see cref="StepNames"/> names them. Input and output are the same
/// JSON documents the Lambda handlers take; the output is wrapped in a <see cref="StepEnvelope"/> so the
/// orchestrator sees a failed step's error name.
/// </summary>
internal sealed class StepActivities(AppRuntime runtime)
{
    [Function(StepNames.Discover)]
    public Task<string> DiscoverAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => RunAsync(StepNames.Discover, input, cancellationToken);

    [Function(StepNames.PullBatch)]
    public Task<string> PullBatchAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => RunAsync(StepNames.PullBatch, input, cancellationToken);

    [Function(StepNames.Write)]
    public Task<string> WriteAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => RunAsync(StepNames.Write, input, cancellationToken);

    [Function(StepNames.Compact)]
    public Task<string> CompactAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => RunAsync(StepNames.Compact, input, cancellationToken);

    [Function(StepNames.Index)]
    public Task<string> IndexAsync([ActivityTrigger] string input, CancellationToken cancellationToken) => RunAsync(StepNames.Index, input, cancellationToken);

    private Task<string> RunAsync(string step, string input, CancellationToken cancellationToken) =>
        StepActivity.RunAsync(runtime.Store.Host, step, input, cancellationToken);
}
