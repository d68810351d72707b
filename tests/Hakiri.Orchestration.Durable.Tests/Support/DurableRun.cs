using System.Text.Json;
using Hakiri.Model.Steps;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Steps.Hosting;
using Hakiri.Store;
using Hakiri.Store.Objects;
using Hakiri.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>
/// Runs a project through the Durable orchestrator in the in-process test host (a real orchestration backend behind
/// a loopback gRPC sidecar): the activities are <see cref="StepActivity"/> over a <see cref="MirroredStepHost"/> on
/// a Blob store, as in the function app. Retry timers are scaled down a thousandfold; the result keeps the policy's delays.
/// </summary>
internal static class DurableRun
{
    public const double TimerScale = 0.001;

    public static async Task<(RunOutcome Outcome, PipelineRunResult? Result)> RunAsync(TempDirectory project, IObjectStore remote, Fault? fault)
    {
        var manifest = EmulatorRun.Load(project);
        var mirror = new StoreMirror(remote, new StoreLayout(project.Combine(".mirror")));
        await using var host = new FaultingStepHost(new MirroredStepHost(new StepContext(manifest, mirror.Local), mirror), fault);
        await using var test = await StartHostAsync(registry =>
        {
            registry.AddOrchestratorFunc<PipelineRunRequest?, PipelineRunResult>(PipelineOrchestration.Name,
                (context, request) => PipelineOrchestration.RunAsync(context, request, TimerScale));
            foreach (var step in StepNames.All)
            {
                registry.AddActivityFunc<string, string>(step, (_, input) => StepActivity.RunAsync(host, step, input ?? "{}"));
            }
        });

        var runId = RunIds.New(TimeProvider.System);
        await test.Client.ScheduleNewOrchestrationInstanceAsync(PipelineOrchestration.Name, new PipelineRunRequest(null), new StartOrchestrationOptions(runId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var metadata = await test.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, timeout.Token);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            var result = metadata.ReadOutputAs<PipelineRunResult>();
            var hash = await StoreContent.OfRemoteAsync(remote, new StoreLayout(project.Combine(".check")));
            return (new RunOutcome(hash, host.Calls, null, null), result);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        var failure = JsonSerializer.Deserialize<PipelineFailure>(metadata.SerializedCustomStatus ?? "null");
        Assert.NotNull(failure);
        Assert.Equal(failure.Cause, metadata.FailureDetails?.ErrorMessage);
        return (new RunOutcome(null, host.Calls, failure.Error, failure.Cause), null);
    }

    /// <summary>The test host, started again if its port was taken in between (see <see cref="Loopback.StartRetryingTakenPort{T}"/>).</summary>
    internal static Task<DurableTaskTestHost> StartHostAsync(Action<DurableTaskRegistry> registry) =>
        Loopback.StartRetryingTakenPort(() => DurableTaskTestHost.StartAsync(registry));
}
