using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Execution;

/// <summary>
/// An inline Map state: the item processor runs once per item, at most MaxConcurrency at a time (0: no limit),
/// items started in order; the result lists the outputs in item order whatever order they finish in.
/// </summary>
internal static class MapExecutor
{
    public static Task<StateOutcome> ExecuteAsync(StateStep step, MapState map) =>
        Recovery.RunAsync(step, map, context => AttemptAsync(step, map, context));

    private static async Task<JsonNode?> AttemptAsync(StateStep step, MapState map, ContextObject context)
    {
        var effective = InputOutput.EffectiveInput(step);
        var scope = step.Scope(effective, context);
        if (!scope.TryRead(map.ItemsPath, out var itemsNode) || itemsNode is not JsonArray items)
        {
            throw StateFailure.Runtime($"The ItemsPath '{map.ItemsPath.Text}' of the Map state '{map.Name}' must select an array; the input is {JsonText.Describe(effective)}.");
        }

        var limit = MaxConcurrency(scope, map);
        JsonText.Materialize(effective);
        JsonText.Materialize(items);
        step.Record(HistoryEventType.MapStateStarted, new HistoryEvent { Length = items.Count });
        var results = new JsonNode?[items.Count];
        using var group = new SiblingGroup(step.CancellationToken);
        var next = -1;
        async Task WorkAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < items.Count && !group.Token.IsCancellationRequested)
            {
                await RunIterationAsync(step, map, effective, context, items[index], index, results, group).ConfigureAwait(false);
            }
        }

        var workers = limit == 0 ? items.Count : Math.Min(limit, items.Count);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync())).ConfigureAwait(false);
        group.Complete(step, HistoryEventType.MapStateFailed, HistoryEventType.MapStateSucceeded);
        return InputOutput.ProcessResult(step, map, new JsonArray([.. results.Select(JsonText.Detach)]), context);
    }

    private static async Task RunIterationAsync(
        StateStep step, MapState map, JsonNode? effective, ContextObject context, JsonNode? item, int index, JsonNode?[] results, SiblingGroup group)
    {
        var cursor = step.Cursor.Fork();
        var history = step.Run.History;
        HistoryEvent Event(HistoryEventType type) => new() { Type = type, StateName = map.Name, Index = index };
        history.Add(cursor, Event(HistoryEventType.MapIterationStarted));
        try
        {
            var input = map.ItemSelector is null
                ? JsonText.Clone(item)
                : map.ItemSelector.Evaluate(step.Scope(effective, context.WithMapItem(index, item)));
            results[index] = await ScopeRunner.RunAsync(step.Run, map.Processor, input, cursor, group.Token).ConfigureAwait(false);
            history.Add(cursor, Event(HistoryEventType.MapIterationSucceeded));
        }
        catch (StateFailure failure)
        {
            history.Add(cursor, Event(HistoryEventType.MapIterationFailed) with { Error = failure.Error, Cause = failure.Cause }, closing: true);
            group.Fail(failure);
        }
        catch (OperationCanceledException) when (group.Token.IsCancellationRequested)
        {
            history.Add(cursor, Event(HistoryEventType.MapIterationAborted), closing: true);
        }
    }

    private static int MaxConcurrency(DataScope scope, MapState map)
    {
        if (map.MaxConcurrencyPath is not { } path)
        {
            return map.MaxConcurrency;
        }

        return scope.TryRead(path, out var value) && JsonText.TryGetDouble(value, out var n) && n >= 0 && n <= int.MaxValue && n == Math.Floor(n)
            ? (int)n
            : throw StateFailure.Runtime($"The MaxConcurrencyPath '{path.Text}' of the Map state '{map.Name}' must select a non-negative integer.");
    }
}
