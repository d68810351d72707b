using Hakiri.Functions.Azure.Hosting;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Orchestration.Durable;
using Hakiri.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Hakiri.Functions.Azure.Tests;

/// <summary>The starter's logic against a real Durable client (the in-process test host), without the Functions host.</summary>
public sealed class RunStarterTests
{
    private static readonly Lazy<ProjectManifest> Quickstart = new(() =>
        ManifestLoader.LoadProject(RepoPaths.Of("samples", "quickstart", "hakiri.toml")).Value!);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"pipelines\":[]}")]
    public void Read_EmptyOrNoPipelines_RunsAll(string body)
    {
        var request = RunStarter.Read(body, Quickstart.Value, out var error);

        Assert.Null(error);
        Assert.Equal(new PipelineRunRequest(null), request);
    }

    [Fact]
    public void Read_NamedPipelines_RunsThose() =>
        Assert.Equal(["orders", "products"], RunStarter.Read("{\"pipelines\":[\"orders\",\"products\"]}", Quickstart.Value, out _)!.Pipelines);

    [Fact]
    public void Read_UnknownPipeline_SentenceNamesItAndTheKnownOnes()
    {
        Assert.Null(RunStarter.Read("{\"pipelines\":[\"invoices\"]}", Quickstart.Value, out var error));
        Assert.Equal("The project quickstart has no pipeline invoices; its pipelines are orders, customers, products.", error);
    }

    [Fact]
    public void Read_NotJson_SentenceSaysWhatToSend()
    {
        Assert.Null(RunStarter.Read("pipelines=orders", Quickstart.Value, out var error));
        Assert.Contains("send {\"pipelines\": [\"name\"]}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_Request_OrchestrationRunsUnderTheRunIdWithTheRequest()
    {
        await using var host = await Loopback.StartRetryingTakenPort(() => DurableTaskTestHost.StartAsync(r => r.AddOrchestratorFunc<PipelineRunRequest?, PipelineRunResult>(PipelineOrchestration.Name,
            (context, request) => Task.FromResult(new PipelineRunResult(context.InstanceId, request?.Pipelines ?? [], [])))));

        var runId = await RunStarter.StartAsync(host.Client, new PipelineRunRequest(["orders"]), TimeProvider.System);
        var metadata = await host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true);
        var status = RunStarter.Status(metadata);

        Assert.Matches("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$", runId);
        Assert.Equal("Completed", status!.Status);
        Assert.NotNull(status.Result);
        Assert.Equal(runId, status.Result.RunId);
        Assert.Equal(["orders"], status.Result.Tables);
    }

    [Fact]
    public async Task Status_FailedRun_CarriesTheStepsErrorNameAndCause()
    {
        await using var host = await Loopback.StartRetryingTakenPort(() => DurableTaskTestHost.StartAsync(r => r.AddOrchestratorFunc<PipelineRunRequest?, PipelineRunResult>(PipelineOrchestration.Name,
            (context, request) => FailingOrchestrator(context, request))));

        var runId = await RunStarter.StartAsync(host.Client, new PipelineRunRequest(null), TimeProvider.System);
        var status = RunStarter.Status(await host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true));

        Assert.Equal(("Failed", "Hakiri.Permanent", "write failed for table orders: no such file"), (status!.Status, status.Error, status.Cause));
    }

    private static Task<PipelineRunResult> FailingOrchestrator(TaskOrchestrationContext context, PipelineRunRequest? request)
    {
        context.SetCustomStatus(new PipelineFailure("Hakiri.Permanent", "write failed for table orders: no such file"));
        throw new PipelineRunFailedException("Hakiri.Permanent", "write failed for table orders: no such file");
    }

    [Fact]
    public void Status_NoSuchRun_Null() => Assert.Null(RunStarter.Status(null));
}
