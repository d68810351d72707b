using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Execution;

/// <summary>Pass, Choice, Wait, Succeed and Fail: the states without tasks, retries or catchers.</summary>
internal static class SimpleStates
{
    public static StateOutcome Pass(StateStep step, PassState pass)
    {
        var effective = InputOutput.EffectiveInput(step);
        var parameters = pass.Parameters is null ? effective : pass.Parameters.Evaluate(step.Scope(effective));
        var result = pass.HasResult ? JsonText.Clone(pass.Result) : parameters;
        var output = InputOutput.Output(step, ResultPathWriter.Apply(step.Input, pass.ResultPath, result));
        step.RecordExit(output);
        return new StateOutcome(output, pass.Next);
    }

    public static StateOutcome Choice(StateStep step, ChoiceState choice)
    {
        var effective = InputOutput.EffectiveInput(step);
        var scope = step.Scope(effective);
        var next = choice.Choices.FirstOrDefault(rule => rule.Condition.Evaluate(scope))?.Next
            ?? choice.Default
            ?? throw new StateFailure(StatesErrors.NoChoiceMatched, $"No Choice Rules matched in the Choice state '{choice.Name}', and it has no Default.");
        var output = InputOutput.Output(step, effective);
        step.RecordExit(output);
        return new StateOutcome(output, next);
    }

    public static async Task<StateOutcome> WaitAsync(StateStep step, WaitState wait)
    {
        var effective = InputOutput.EffectiveInput(step);
        var delay = WaitTime(step, wait, effective);
        if (delay > TimeSpan.Zero)
        {
            await step.Run.Time.DelayAsync(delay, step.CancellationToken).ConfigureAwait(false);
        }

        var output = InputOutput.Output(step, effective);
        step.RecordExit(output);
        return new StateOutcome(output, wait.Next);
    }

    public static StateOutcome Succeed(StateStep step)
    {
        var output = InputOutput.Output(step, InputOutput.EffectiveInput(step));
        step.RecordExit(output);
        return new StateOutcome(output, null);
    }

    /// <summary>The failure a Fail state raises; ErrorPath and CausePath read the raw input.</summary>
    public static StateFailure Fail(StateStep step, FailState fail)
    {
        var error = fail.Error ?? Text(step, fail.ErrorPath, "ErrorPath") ?? "";
        var cause = fail.Cause ?? Text(step, fail.CausePath, "CausePath");
        return new StateFailure(error, cause);
    }

    private static string? Text(StateStep step, PayloadTemplate? template, string field)
    {
        if (template is null)
        {
            return null;
        }

        var value = template.Evaluate(step.Scope(step.Input));
        return JsonText.TryGetString(value, out var text)
            ? text
            : throw StateFailure.Runtime($"The {field} of the Fail state '{step.State.Name}' must select a string, not {JsonText.Describe(value)}.");
    }

    private static TimeSpan WaitTime(StateStep step, WaitState wait, JsonNode? effective)
    {
        if (wait.Seconds is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (wait.Timestamp is { } timestamp)
        {
            return timestamp - step.Run.Time.GetUtcNow();
        }

        var scope = step.Scope(effective);
        if (wait.SecondsPath is { } secondsPath)
        {
            return scope.TryRead(secondsPath, out var value) && JsonText.TryGetDouble(value, out var n) && n >= 0 && n == Math.Floor(n)
                ? TimeSpan.FromSeconds(n)
                : throw StateFailure.Runtime($"The SecondsPath '{secondsPath.Text}' of the Wait state '{wait.Name}' must select a non-negative integer.");
        }

        var path = wait.TimestampPath!;
        return scope.TryRead(path, out var node) && JsonText.TryGetString(node, out var text) && Timestamps.TryParse(text, out var until)
            ? until - step.Run.Time.GetUtcNow()
            : throw StateFailure.Runtime($"The TimestampPath '{path.Text}' of the Wait state '{wait.Name}' must select an RFC 3339 timestamp.");
    }
}
