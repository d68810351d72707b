using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Execution;

/// <summary>A Task state: parameters, the invocation, the result, under Retry and Catch.</summary>
internal static class TaskExecutor
{
    public static Task<StateOutcome> ExecuteAsync(StateStep step, TaskState task) =>
        Recovery.RunAsync(step, task, context => AttemptAsync(step, task, context));

    private static async Task<JsonNode?> AttemptAsync(StateStep step, TaskState task, ContextObject context)
    {
        var effective = InputOutput.EffectiveInput(step);
        var scope = step.Scope(effective, context);
        var parameters = task.Parameters is null ? effective : task.Parameters.Evaluate(scope);
        var timeout = task.TimeoutSeconds ?? Seconds(scope, task.TimeoutSecondsPath, task.Name);
        var heartbeat = task.HeartbeatSeconds ?? Seconds(scope, task.HeartbeatSecondsPath, task.Name);
        var result = await TaskInvocation.InvokeAsync(step, task.Resource, parameters, context, timeout, heartbeat).ConfigureAwait(false);
        return InputOutput.ProcessResult(step, task, result, context);
    }

    private static int? Seconds(DataScope scope, JsonPath? path, string stateName)
    {
        if (path is null)
        {
            return null;
        }

        return scope.TryRead(path, out var value) && JsonText.TryGetDouble(value, out var seconds) && seconds >= 1 && seconds <= int.MaxValue && seconds == Math.Floor(seconds)
            ? (int)seconds
            : throw StateFailure.Runtime($"The path '{path.Text}' of the Task state '{stateName}' must select a positive integer number of seconds.");
    }
}
