using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator;

/// <summary>
/// Runs Amazon States Language definitions locally with Step Functions' semantics: input and output processing,
/// Retry and Catch, Choice rules, intrinsic functions, Parallel and inline Map states, timeouts, and a history shaped
/// like GetExecutionHistory. Tasks run through an <see cref="ITaskInvoker"/>; time passes through a
/// <see cref="TimeProvider"/>. The interpreter holds no state: one instance can run many executions at once.
/// </summary>
public sealed class StateMachineInterpreter
{
    /// <summary>Runs one execution to its end.</summary>
    /// <param name="definition">The parsed definition.</param>
    /// <param name="input">The execution input; <see langword="null"/> means <c>{}</c>, as when StartExecution gets none.</param>
    /// <param name="tasks">Runs the Task states' resources.</param>
    /// <param name="options">Clock, randomness and names; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the execution, which then ends as <see cref="ExecutionStatus.Aborted"/>.</param>
    /// <returns>The status, output or error, and the history. Failures of the state machine are results, not exceptions.</returns>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Public API: callers create an interpreter and run on it; making this static would break them for no gain.")]
    public async Task<ExecutionResult> RunAsync(
        StateMachineDefinition definition,
        JsonNode? input,
        ITaskInvoker tasks,
        ExecutionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tasks);
        options ??= new ExecutionOptions();
        var time = options.TimeProvider;
        var random = new RandomSource(options.RandomSeed is { } seed ? new Random(seed) : new Random());
        var executionInput = input is null ? new JsonObject() : input.DeepClone();
        JsonText.Materialize(executionInput);
        var identity = Identity(options, random, time.GetUtcNow(), executionInput);
        var history = new HistoryRecorder(time, options.MaxHistoryEvents);
        var run = new ExecutionRun(identity, tasks, time, random, history);
        var cursor = new EventCursor(0);
        history.Add(cursor, new HistoryEvent { Type = HistoryEventType.ExecutionStarted, Input = JsonText.Write(executionInput) }, closing: true);

        using var timeout = definition.TimeoutSeconds is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout?.Token ?? CancellationToken.None);
        ExecutionResult Finish(ExecutionStatus status, HistoryEventType type, JsonNode? output, string? error, string? cause)
        {
            history.Add(
                cursor,
                new HistoryEvent { Type = type, Output = status == ExecutionStatus.Succeeded ? JsonText.Write(output) : null, Error = error, Cause = cause },
                closing: true);
            return new ExecutionResult(status, output, error, cause, identity.ExecutionId, identity.ExecutionName, identity.StartTime, time.GetUtcNow(), history.Snapshot());
        }

        try
        {
            var output = await ScopeRunner.RunAsync(run, definition.Root, executionInput, cursor, stop.Token).ConfigureAwait(false);
            return Finish(ExecutionStatus.Succeeded, HistoryEventType.ExecutionSucceeded, output, null, null);
        }
        catch (StateFailure failure)
        {
            cursor.LastEventId = history.LastEventId;
            return Finish(ExecutionStatus.Failed, HistoryEventType.ExecutionFailed, null, NullIfEmpty(failure.Error), failure.Cause);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            cursor.LastEventId = history.LastEventId;
            return timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested
                ? Finish(ExecutionStatus.TimedOut, HistoryEventType.ExecutionTimedOut, null, StatesErrors.Timeout, $"The execution ran longer than its TimeoutSeconds ({definition.TimeoutSeconds} seconds).")
                : Finish(ExecutionStatus.Aborted, HistoryEventType.ExecutionAborted, null, null, null);
        }
    }

    private static ExecutionIdentity Identity(ExecutionOptions options, RandomSource random, DateTimeOffset start, JsonNode input)
    {
        var name = options.ExecutionName ?? random.NextUuid().ToString();
        var prefix = $"arn:aws:states:{options.Region}:{options.AccountId}";
        return new ExecutionIdentity(
            $"{prefix}:execution:{options.StateMachineName}:{name}",
            name,
            $"{prefix}:stateMachine:{options.StateMachineName}",
            options.StateMachineName,
            options.RoleArn ?? $"arn:aws:iam::{options.AccountId}:role/{options.StateMachineName}",
            start,
            input);
    }

    private static string? NullIfEmpty(string error) => error.Length == 0 ? null : error;
}
