using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;

namespace Hakiri.Orchestration.Durable.Tests;

public sealed class StepActivityTests
{
    [Fact]
    public async Task RunAsync_StepSucceeds_EnvelopeCarriesTheOutput()
    {
        var json = await StepActivity.RunAsync(new StubHost(_ => "{\"rows\":3}"), StepNames.Write, "{}");

        Assert.Equal(StepEnvelope.Succeeded("{\"rows\":3}"), StepEnvelope.Parse(json));
    }

    [Fact]
    public async Task RunAsync_StepFails_EnvelopeCarriesTheErrorNameAndCause()
    {
        var json = await StepActivity.RunAsync(new StubHost(_ => throw new StepFailedException(StepErrors.RateLimited, "slow down")), StepNames.PullBatch, "{}");

        Assert.Equal(StepEnvelope.Failed(StepErrors.RateLimited, "slow down"), StepEnvelope.Parse(json));
        Assert.Equal("{\"error\":\"Hakiri.RateLimited\",\"cause\":\"slow down\"}", json);
    }

    [Fact]
    public async Task RunAsync_HostCrashes_ExceptionPropagates()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StepActivity.RunAsync(new StubHost(_ => throw new InvalidOperationException("bug")), StepNames.Index, "{}"));
    }

    private sealed class StubHost(Func<string, string> run) : IStepHost
    {
        public Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default) => Task.FromResult(run(inputJson));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
