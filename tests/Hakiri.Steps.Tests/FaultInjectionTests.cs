using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;
using Hakiri.Runner;
using Hakiri.Testing;

namespace Hakiri.Steps.Tests;

/// <summary>Faults injected into steps are retried or caught exactly as the emitted state machine says.</summary>
public sealed class FaultInjectionTests
{
    // The definition's back-offs are seconds; at 200x they take milliseconds of real time.
    private static readonly AcceleratedTimeProvider Clock = new(200);

    [Fact]
    public async Task TransientFailures_WithinMaxAttempts_AreRetriedAndTheRunSucceeds()
    {
        using var project = TestProject.Quickstart();
        var host = new FlakyHost(new InProcessStepHost(new StepContext(project.Manifest(), project.Layout, options: project.Options)), "pull-batch", StepErrors.Transient, failures: 3);

        var summary = await Runner(project, host).RunAsync(["customers"]);

        Assert.Equal(4, summary.Tables.Single().RowCount);
        Assert.Equal(4, host.Calls["pull-batch"]);
        var history = File.ReadAllText(Path.Combine(project.Layout.Root, RunHistoryFiles.Of(summary.RunId)));
        Assert.Equal(3, CountOccurrences(history, "\"type\": \"TaskFailed\""));
        Assert.Contains("\"type\": \"ExecutionSucceeded\"", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientFailures_BeyondMaxAttempts_FailTheRunNamingStepAndTable()
    {
        using var project = TestProject.Quickstart();
        var host = new FlakyHost(new InProcessStepHost(new StepContext(project.Manifest(), project.Layout, options: project.Options)), "pull-batch", StepErrors.Transient, failures: 10);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => Runner(project, host).RunAsync(["customers"]));

        Assert.Equal(StepErrors.Transient, error.ErrorName);
        Assert.StartsWith("pull-batch failed for table customers: injected", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, host.Calls["pull-batch"]);
    }

    [Fact]
    public async Task PermanentFailure_IsNotRetried_EndsInTheFailState_AndLeavesTheStoreUnchanged()
    {
        using var project = TestProject.Quickstart();
        var host = new FlakyHost(new InProcessStepHost(new StepContext(project.Manifest(), project.Layout, options: project.Options)), "write", StepErrors.Permanent, failures: 1);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => Runner(project, host).RunAsync(["customers"]));

        Assert.Equal(StepErrors.Permanent, error.ErrorName);
        Assert.StartsWith("write failed for table customers: injected", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Calls["write"]);
        using var catalog = project.Catalog();
        Assert.Empty(catalog.ListTables());
        Assert.Empty(project.DataFiles("customers"));
        var run = Assert.Single(catalog.ListRuns());
        Assert.Equal("failed", run.Status);
        Assert.Contains("write failed for table customers", run.Error, StringComparison.Ordinal);
    }

    private static PipelineRunner Runner(TestProject project, IStepHost host) =>
        new(project.Manifest(), host, new LocalRunLedger(project.Layout, Clock), Clock);

    private static int CountOccurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private sealed class FlakyHost(IStepHost inner, string handler, string error, int failures) : IStepHost
    {
        public Dictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

        public Task<string> InvokeAsync(string step, string inputJson, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls[step] = Calls.GetValueOrDefault(step) + 1;
                if (step == handler && Calls[step] <= failures)
                {
                    throw new StepFailedException(error, $"injected {error} failure {Calls[step]}");
                }
            }

            return inner.InvokeAsync(step, inputJson, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
