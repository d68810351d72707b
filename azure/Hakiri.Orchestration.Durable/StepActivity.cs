using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;

namespace Hakiri.Orchestration.Durable;

/// <summary>
/// The activity adapter the function app and the tests share: runs one step on a step host and wraps the outcome in
/// a <see cref="StepEnvelope"/>. A <see cref="StepFailedException"/> becomes an envelope with its error name; any
/// other exception is a bug and fails the activity (the orchestrator then fails at once, as Lambda's unhandled
/// errors do under the ASL).
/// </summary>
public static class StepActivity
{
    /// <summary>Runs <paramref name="step"/> on <paramref name="inputJson"/> and returns the envelope's JSON.</summary>
    public static async Task<string> RunAsync(IStepHost host, string step, string inputJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            var output = await host.InvokeAsync(step, inputJson, cancellationToken).ConfigureAwait(false);
            return StepEnvelope.Succeeded(output).ToJson();
        }
        catch (StepFailedException e)
        {
            return StepEnvelope.Failed(e.ErrorName, e.Message).ToJson();
        }
    }
}
