using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Execution;

/// <summary>Retry, then Catch, around the attempts of a Task, Parallel or Map state.</summary>
internal static class Recovery
{
    /// <summary>
    /// Runs attempts until one succeeds. On an error, the first retrier whose ErrorEquals matches decides: it retries
    /// after its backoff while it has attempts left (each retrier counts its own), and otherwise the first matching
    /// catcher moves on with the error output at its ResultPath. States.Runtime is never retried or caught.
    /// </summary>
    public static async Task<StateOutcome> RunAsync(StateStep step, IRecoverableState state, Func<ContextObject, Task<JsonNode?>> attemptAsync)
    {
        var retriesByRetrier = new int[state.Retry.Count];
        var retries = 0;
        while (true)
        {
            StateFailure failure;
            try
            {
                var output = await attemptAsync(step.Context.WithRetryCount(retries)).ConfigureAwait(false);
                step.RecordExit(output);
                return new StateOutcome(output, step.State.Next);
            }
            catch (StateFailure f) when (!f.IsTerminal)
            {
                failure = f;
            }

            var index = IndexOfMatch(state.Retry.Select(r => r.ErrorEquals), failure.Error);
            if (index >= 0 && retriesByRetrier[index] < state.Retry[index].MaxAttempts)
            {
                var delay = state.Retry[index].DelayBefore(retriesByRetrier[index], step.Run.Random);
                retriesByRetrier[index]++;
                retries++;
                await step.Run.Time.DelayAsync(delay, step.CancellationToken).ConfigureAwait(false);
                continue;
            }

            var catcherIndex = IndexOfMatch(state.Catch.Select(c => c.ErrorEquals), failure.Error);
            if (catcherIndex < 0)
            {
                throw failure;
            }

            var catcher = state.Catch[catcherIndex];
            var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause ?? "" };
            try
            {
                return new StateOutcome(ResultPathWriter.Apply(step.Input, catcher.ResultPath, errorOutput), catcher.Next);
            }
            catch (StateFailure f)
            {
                // A catcher that cannot place its error has nowhere left to go: the execution fails.
                throw StateFailure.Runtime($"The catcher of '{step.State.Name}' could not apply its ResultPath: {f.Cause}");
            }
        }
    }

    private static int IndexOfMatch(IEnumerable<IReadOnlyList<string>> lists, string error)
    {
        var index = 0;
        foreach (var errorEquals in lists)
        {
            if (ErrorMatcher.Matches(errorEquals, error))
            {
                return index;
            }

            index++;
        }

        return -1;
    }
}
