using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Execution;

/// <summary>
/// The input and output processing every state shares, in the specification's order:
/// InputPath → Parameters → (task) → ResultSelector → ResultPath → OutputPath.
/// </summary>
internal static class InputOutput
{
    /// <summary>InputPath over the raw input: the effective input.</summary>
    public static JsonNode? EffectiveInput(StateStep step) => Select(step.State.InputPath, step.Input, "InputPath");

    /// <summary>OutputPath over the data after ResultPath: the state's output.</summary>
    public static JsonNode? Output(StateStep step, JsonNode? data) => Select(step.State.OutputPath, data, "OutputPath");

    /// <summary>ResultSelector over the result, ResultPath into the raw input, then OutputPath.</summary>
    public static JsonNode? ProcessResult(StateStep step, IRecoverableState state, JsonNode? result, ContextObject context)
    {
        var selected = state.ResultSelector is null ? result : state.ResultSelector.Evaluate(step.Scope(result, context));
        return Output(step, ResultPathWriter.Apply(step.Input, state.ResultPath, selected));
    }

    private static JsonNode? Select(JsonPath? path, JsonNode? data, string field)
    {
        if (path is null)
        {
            return new JsonObject();
        }

        if (path.IsRoot)
        {
            return data;
        }

        return PathEvaluator.TryEvaluate(data, path, out var value)
            ? value
            : throw StateFailure.Runtime($"Invalid path '{path.Text}' in {field}: it selects nothing in {JsonText.Describe(data)}.");
    }
}
