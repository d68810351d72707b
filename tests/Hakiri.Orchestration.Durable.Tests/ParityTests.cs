using Hakiri.Model.Steps;
using Hakiri.Orchestration.Durable.Tests.Support;
using Hakiri.Testing;

namespace Hakiri.Orchestration.Durable.Tests;

/// <summary>
/// The parity test: samples/quickstart run through the ASL emulator on a local store (as <c>hakiri run</c> runs it)
/// and through the Durable orchestrator on a Blob store in Azurite lands the same rows, calls the same steps in the
/// same order per table, and fails, retries and succeeds the same way under injected faults.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ParityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Quickstart_NoFaults_SameRowsAndStepsPerTable()
    {
        var (emulator, durable, result) = await BothAsync(null);

        Assert.Null(emulator.Error);
        Assert.Null(durable.Error);
        Assert.Matches("^[0-9a-f]{96}$", emulator.ContentHash);
        Assert.Equal(emulator.ContentHash, durable.ContentHash);
        Assert.Equal(emulator.StepsPerTable, durable.StepsPerTable);
        Assert.Matches("^pull-batch( → pull-batch)* → write → compact → index$", durable.StepsPerTable["orders"]);
        Assert.Equal(["customers", "orders", "products"], result!.Tables.Order(StringComparer.Ordinal));
        Assert.Empty(result.Retries);
    }

    [Fact]
    public async Task Quickstart_TransientFaultOnFirstWrite_RetriedAndSucceedsInBoth()
    {
        var (emulator, durable, result) = await BothAsync(new Fault(StepNames.Write, "orders", StepErrors.Transient, 1));

        Assert.Null(emulator.Error);
        Assert.Null(durable.Error);
        Assert.Equal(emulator.ContentHash, durable.ContentHash);
        Assert.Equal(emulator.StepsPerTable, durable.StepsPerTable);
        Assert.Contains("write → write → compact", durable.StepsPerTable["orders"], StringComparison.Ordinal);
        var retry = Assert.Single(result!.Retries);
        Assert.Equal((StepNames.Write, "orders", StepErrors.Transient, 1), (retry.Step, retry.Table, retry.Error, retry.Retry));
        Assert.InRange(retry.DelaySeconds, 0, 2);
    }

    [Fact]
    public async Task Quickstart_PermanentFaultOnWrite_BothFailNamingStepAndTable()
    {
        var (emulator, durable, _) = await BothAsync(new Fault(StepNames.Write, "orders", StepErrors.Permanent, 1));

        Assert.Equal(StepErrors.Permanent, emulator.Error);
        Assert.Equal(emulator.Error, durable.Error);
        Assert.Equal("write failed for table orders: injected Hakiri.Permanent fault on write (call 1)", emulator.Cause);
        Assert.Equal(emulator.Cause, durable.Cause);
        Assert.Equal(1, durable.Calls.Count(c => c == (StepNames.Write, "orders")));
        Assert.Equal(emulator.StepsPerTable["orders"], durable.StepsPerTable["orders"]);
    }

    [Fact]
    public async Task Quickstart_RateLimitedTwice_RetriedWithItsBackoffInBoth()
    {
        var (emulator, durable, result) = await BothAsync(new Fault(StepNames.PullBatch, "customers", StepErrors.RateLimited, 2));

        Assert.Null(emulator.Error);
        Assert.Null(durable.Error);
        Assert.Equal(emulator.ContentHash, durable.ContentHash);
        Assert.Equal(emulator.StepsPerTable, durable.StepsPerTable);
        Assert.Equal([1, 2], result!.Retries.Select(r => r.Retry));
        Assert.All(result.Retries, r => Assert.Equal((StepNames.PullBatch, "customers", StepErrors.RateLimited), (r.Step, r.Table, r.Error)));
        Assert.InRange(result.Retries[0].DelaySeconds, 0, 5);
        Assert.InRange(result.Retries[1].DelaySeconds, 0, 10);
    }

    [Fact]
    public async Task Quickstart_RateLimitedBeyondItsRetries_BothFailAfterSixRetries()
    {
        var (emulator, durable, _) = await BothAsync(new Fault(StepNames.PullBatch, "products", StepErrors.RateLimited, 7));

        Assert.Equal(StepErrors.RateLimited, emulator.Error);
        Assert.Equal(emulator.Error, durable.Error);
        Assert.Equal(emulator.Cause, durable.Cause);
        Assert.StartsWith("pull-batch failed for table products: ", durable.Cause, StringComparison.Ordinal);
        Assert.Equal(7, emulator.Calls.Count(c => c == (StepNames.PullBatch, "products")));
        Assert.Equal(7, durable.Calls.Count(c => c == (StepNames.PullBatch, "products")));
    }

    private async Task<(RunOutcome Emulator, RunOutcome Durable, PipelineRunResult? Result)> BothAsync(Fault? fault)
    {
        using var local = Samples.CopyQuickstart();
        using var blob = Samples.CopyQuickstart();
        var emulator = await EmulatorRun.RunAsync(local, fault);
        var (durable, result) = await DurableRun.RunAsync(blob, await azurite.StoreAsync(), fault);
        return (emulator, durable, result);
    }
}
