using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Execution;

/// <summary>A Parallel state: every branch gets the effective input; the result is the array of branch outputs.</summary>
internal static class ParallelExecutor
{
    public static Task<StateOutcome> ExecuteAsync(StateStep step, ParallelState parallel) =>
        Recovery.RunAsync(step, parallel, context => AttemptAsync(step, parallel, context));

    private static async Task<JsonNode?> AttemptAsync(StateStep step, ParallelState parallel, ContextObject context)
    {
        var effective = InputOutput.EffectiveInput(step);
        var input = parallel.Parameters is null ? effective : parallel.Parameters.Evaluate(step.Scope(effective, context));
        step.Record(HistoryEventType.ParallelStateStarted);
        var results = new JsonNode?[parallel.Branches.Count];
        using var group = new SiblingGroup(step.CancellationToken);
        await Task.WhenAll(parallel.Branches.Select((branch, i) => RunBranchAsync(step, branch, input, i, results, group))).ConfigureAwait(false);
        group.Complete(step, HistoryEventType.ParallelStateFailed, HistoryEventType.ParallelStateSucceeded);
        return InputOutput.ProcessResult(step, parallel, new JsonArray([.. results.Select(JsonText.Detach)]), context);
    }

    private static async Task RunBranchAsync(StateStep step, StateScope branch, JsonNode? input, int index, JsonNode?[] results, SiblingGroup group)
    {
        try
        {
            results[index] = await ScopeRunner.RunAsync(step.Run, branch, JsonText.Clone(input), step.Cursor.Fork(), group.Token).ConfigureAwait(false);
        }
        catch (StateFailure failure)
        {
            group.Fail(failure);
        }
        catch (OperationCanceledException) when (group.Token.IsCancellationRequested)
        {
            // A sibling failed or the execution stopped; the group reports which.
        }
    }
}
