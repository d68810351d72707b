using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Execution;

/// <summary>One attempt of a task: history events, the invoker call, TimeoutSeconds and HeartbeatSeconds.</summary>
internal static class TaskInvocation
{
    public static async Task<JsonNode?> InvokeAsync(StateStep step, string resource, JsonNode? parameters, ContextObject context, int? timeoutSeconds, int? heartbeatSeconds)
    {
        var name = ResourceName.Of(resource);
        var run = step.Run;
        RecordStart(step, name, parameters, timeoutSeconds, heartbeatSeconds);

        // Completes with the timeout's error name, or with null when the execution (or a sibling's failure) stops us.
        var stop = new TaskCompletionSource<string?>();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(step.CancellationToken);
        using var timeout = timeoutSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), run.Time) : null;
        using var onTimeout = timeout?.Token.Register(() => stop.TrySetResult(StatesErrors.Timeout)) ?? default;
        using var onStop = step.CancellationToken.Register(() => stop.TrySetResult(null));
        using var heartbeat = heartbeatSeconds is { } beat
            ? new HeartbeatMonitor(run.Time, TimeSpan.FromSeconds(beat), () => stop.TrySetResult(StatesErrors.HeartbeatTimeout))
            : null;
        var invocationContext = new TaskInvocationContext(
            run.Identity.ExecutionId,
            run.Identity.ExecutionName,
            step.State.Name,
            context.RetryCount,
            timeoutSeconds is null ? null : TimeSpan.FromSeconds(timeoutSeconds.Value),
            heartbeatSeconds is null ? null : TimeSpan.FromSeconds(heartbeatSeconds.Value),
            (JsonObject)context.Json.DeepClone(),
            heartbeat is null ? null : heartbeat.Beat);

        Task<JsonNode?> invocation;
        try
        {
            invocation = run.Tasks.InvokeAsync(resource, JsonText.Clone(parameters), invocationContext, attempt.Token);
        }
        catch (Exception e)
        {
            invocation = Task.FromException<JsonNode?>(e);
        }

        if (!invocation.IsCompleted && await Task.WhenAny(invocation, stop.Task).ConfigureAwait(false) != invocation)
        {
            // Step Functions does not wait for a timed-out task; neither do we, but its late failure must not go unobserved.
            // Synchronous on purpose: the invoker's cancellation runs before this branch moves on, keeping histories ordered.
            attempt.Cancel();
            _ = invocation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var error = await stop.Task.ConfigureAwait(false);
            throw error is null ? new OperationCanceledException(step.CancellationToken) : TimedOut(step, name, error, timeoutSeconds, heartbeatSeconds);
        }

        try
        {
            var result = JsonText.Clone(await invocation.ConfigureAwait(false));
            step.Record(
                name.IsLambdaFunction ? HistoryEventType.LambdaFunctionSucceeded : HistoryEventType.TaskSucceeded,
                Describe(name) with { Output = JsonText.Write(result) });
            return result;
        }
        catch (TaskFailedException e)
        {
            throw Failed(step, name, e.Error, e.Cause);
        }
        catch (OperationCanceledException) when (step.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (stop.Task.IsCompleted && stop.Task.Result is { } error)
        {
            throw TimedOut(step, name, error, timeoutSeconds, heartbeatSeconds);
        }
        catch (Exception e)
        {
            // Like Lambda, an unexpected exception's type name is the error name Retry and Catch see.
            throw Failed(step, name, e.GetType().Name, e.Message);
        }
    }

    private static void RecordStart(StateStep step, ResourceName name, JsonNode? parameters, int? timeoutSeconds, int? heartbeatSeconds)
    {
        var text = JsonText.Write(parameters);
        if (name.IsLambdaFunction)
        {
            step.Record(HistoryEventType.LambdaFunctionScheduled, new HistoryEvent { Resource = name.Resource, Input = text, TimeoutInSeconds = timeoutSeconds });
            step.Record(HistoryEventType.LambdaFunctionStarted);
            return;
        }

        step.Record(
            HistoryEventType.TaskScheduled,
            Describe(name) with { Parameters = text, TimeoutInSeconds = timeoutSeconds, HeartbeatInSeconds = heartbeatSeconds });
        step.Record(HistoryEventType.TaskStarted, Describe(name));
    }

    private static HistoryEvent Describe(ResourceName name) =>
        name.IsLambdaFunction ? new HistoryEvent() : new HistoryEvent { ResourceType = name.ResourceType, Resource = name.Resource };

    private static StateFailure Failed(StateStep step, ResourceName name, string error, string? cause)
    {
        step.Record(
            name.IsLambdaFunction ? HistoryEventType.LambdaFunctionFailed : HistoryEventType.TaskFailed,
            Describe(name) with { Error = error, Cause = cause });
        return new StateFailure(error, cause);
    }

    private static StateFailure TimedOut(StateStep step, ResourceName name, string error, int? timeoutSeconds, int? heartbeatSeconds)
    {
        var cause = error == StatesErrors.HeartbeatTimeout
            ? $"The task sent no heartbeat for {heartbeatSeconds} seconds (HeartbeatSeconds)."
            : $"The task did not finish within {timeoutSeconds} seconds (TimeoutSeconds).";
        step.Record(
            name.IsLambdaFunction ? HistoryEventType.LambdaFunctionTimedOut : HistoryEventType.TaskTimedOut,
            Describe(name) with { Error = error, Cause = cause });
        return new StateFailure(error, cause);
    }
}
