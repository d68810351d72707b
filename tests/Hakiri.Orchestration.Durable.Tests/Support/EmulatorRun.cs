using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>
/// Runs a project the way <c>hakiri run</c> does: the emitted ASL in the emulator, steps in this process on the
/// project's local store, retries waiting on a clock that runs a thousand times faster than real time.
/// </summary>
internal static class EmulatorRun
{
    public static async Task<RunOutcome> RunAsync(TempDirectory project, Fault? fault)
    {
        var manifest = Load(project);
        var layout = new StoreLayout(((LocalStoreLocation)manifest.Store).Directory);
        var clock = new AcceleratedTimeProvider(1000);
        await using var host = new FaultingStepHost(new InProcessStepHost(new StepContext(manifest, layout)), fault);
        var runner = new PipelineRunner(manifest, host, new LocalRunLedger(layout, TimeProvider.System), clock);
        try
        {
            await runner.RunAsync([]);
            return new RunOutcome(StoreContent.Of(layout), Calls(layout, host), null, null);
        }
        catch (StepFailedException e)
        {
            return new RunOutcome(null, Calls(layout, host), e.ErrorName, e.Message);
        }
    }

    // The calls as the execution history records them; the host saw the same ones.
    private static IReadOnlyList<(string Step, string? Table)> Calls(StoreLayout layout, FaultingStepHost host)
    {
        var calls = EmulatorHistory.Calls(layout);
        Assert.Equal(host.Calls.Order(), calls.Order());
        return calls;
    }

    public static ProjectManifest Load(TempDirectory project)
    {
        var loaded = ManifestLoader.LoadProject(project.Combine("hakiri.toml"));
        return loaded.Value ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics));
    }
}
