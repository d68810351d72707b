using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Execution;

/// <summary>Runs the states of a scope (the machine, a branch, an item processor) from StartAt to a terminal state.</summary>
internal static class ScopeRunner
{
    public static async Task<JsonNode?> RunAsync(ExecutionRun run, StateScope scope, JsonNode? input, EventCursor cursor, CancellationToken cancellationToken)
    {
        var name = scope.StartAt;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = scope.States[name];
            var context = new ContextObject(run.Identity, state.Name, run.Time.GetUtcNow());
            var step = new StateStep(run, state, input, cursor, context, cancellationToken);
            step.Record(StateEvents.Entered(state.Type), new HistoryEvent { StateName = state.Name, Input = JsonText.Write(input) });
            StateOutcome outcome;
            try
            {
                outcome = await ExecuteAsync(step).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                if (StateEvents.Aborted(state.Type) is { } aborted)
                {
                    step.Record(aborted, new HistoryEvent { StateName = state.Name });
                }

                throw;
            }

            if (outcome.Next is null)
            {
                return outcome.Output;
            }

            name = outcome.Next;
            input = outcome.Output;
        }
    }

    private static Task<StateOutcome> ExecuteAsync(StateStep step) => step.State switch
    {
        PassState pass => Task.FromResult(SimpleStates.Pass(step, pass)),
        ChoiceState choice => Task.FromResult(SimpleStates.Choice(step, choice)),
        WaitState wait => SimpleStates.WaitAsync(step, wait),
        SucceedState => Task.FromResult(SimpleStates.Succeed(step)),
        FailState fail => throw SimpleStates.Fail(step, fail),
        TaskState task => TaskExecutor.ExecuteAsync(step, task),
        ParallelState parallel => ParallelExecutor.ExecuteAsync(step, parallel),
        MapState map => MapExecutor.ExecuteAsync(step, map),
        _ => throw new InvalidOperationException($"No executor for {step.State.Type}."),
    };
}
