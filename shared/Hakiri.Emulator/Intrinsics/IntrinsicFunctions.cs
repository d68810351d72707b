using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Intrinsics;

/// <summary>Evaluates intrinsic function calls against a <see cref="DataScope"/>.</summary>
internal static class IntrinsicFunctions
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, int.MaxValue),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, int.MaxValue),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    };

    public static bool TryGetArity(string name, out int min, out int max)
    {
        var found = Arity.TryGetValue(name, out var arity);
        (min, max) = arity;
        return found;
    }

    /// <summary>Runs a call; misuse raises States.IntrinsicFailure, a path that selects nothing States.Runtime.</summary>
    public static JsonNode? Evaluate(IntrinsicCall call, DataScope scope)
    {
        if (call.Name == "States.Format")
        {
            return TextFunctions.Format(call, scope);
        }

        var args = new JsonNode?[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = EvaluateArgument(call.Arguments[i], scope, call.Name);
        }

        return call.Name switch
        {
            "States.Array" => new JsonArray(args),
            "States.ArrayPartition" => ArrayFunctions.Partition(args),
            "States.ArrayContains" => ArrayFunctions.Contains(args),
            "States.ArrayRange" => ArrayFunctions.Range(args),
            "States.ArrayGetItem" => ArrayFunctions.GetItem(args),
            "States.ArrayLength" => ArrayFunctions.Length(args),
            "States.ArrayUnique" => ArrayFunctions.Unique(args),
            "States.MathRandom" => MathFunctions.Random(args, scope.Random),
            "States.MathAdd" => MathFunctions.Add(args),
            "States.UUID" => JsonValue.Create(scope.Random.NextUuid().ToString()),
            _ => TextFunctions.Evaluate(call.Name, args),
        };
    }

    public static JsonNode? EvaluateArgument(IntrinsicArgument argument, DataScope scope, string function) => argument switch
    {
        LiteralArgument literal => JsonText.Clone(literal.Value),
        PathArgument path => scope.TryRead(path.Path, out var value)
            ? value
            : throw StateFailure.Runtime($"The JSONPath '{path.Path.Text}' in an argument of {function} could not be found in the input {JsonText.Describe(path.Path.IsContext ? scope.Context.Json : scope.Input)}."),
        IntrinsicCall nested => Evaluate(nested, scope),
        _ => throw new InvalidOperationException("Unknown intrinsic argument."),
    };

    internal static JsonArray ArrayArgument(JsonNode?[] args, int index, string function) =>
        args[index] as JsonArray ?? throw StateFailure.Intrinsic($"Argument {index + 1} of {function} must be an array, not {JsonText.KindName(args[index])}.");

    internal static string StringArgument(JsonNode?[] args, int index, string function) =>
        JsonText.TryGetString(args[index], out var text)
            ? text
            : throw StateFailure.Intrinsic($"Argument {index + 1} of {function} must be a string, not {JsonText.KindName(args[index])}.");

    /// <summary>An integer argument; Step Functions rounds non-integers to the nearest integer (half up).</summary>
    internal static long IntegerArgument(JsonNode?[] args, int index, string function)
    {
        if (!JsonText.TryGetDouble(args[index], out var value) || double.IsInfinity(value) || Math.Abs(value) > long.MaxValue / 2)
        {
            throw StateFailure.Intrinsic($"Argument {index + 1} of {function} must be a number, not {JsonText.KindName(args[index])}.");
        }

        return (long)Math.Floor(value + 0.5);
    }
}
