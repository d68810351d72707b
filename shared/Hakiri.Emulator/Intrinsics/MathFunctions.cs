using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using static Hakiri.Emulator.Intrinsics.IntrinsicFunctions;

namespace Hakiri.Emulator.Intrinsics;

/// <summary>States.MathAdd and States.MathRandom.</summary>
internal static class MathFunctions
{
    public static JsonNode Add(JsonNode?[] args)
    {
        var left = IntegerArgument(args, 0, "States.MathAdd");
        var right = IntegerArgument(args, 1, "States.MathAdd");
        foreach (var value in (ReadOnlySpan<long>)[left, right])
        {
            if (value is < int.MinValue or > int.MaxValue)
            {
                throw StateFailure.Intrinsic($"The arguments of States.MathAdd must be between {int.MinValue} and {int.MaxValue}; {value} is not.");
            }
        }

        return JsonValue.Create(left + right);
    }

    /// <summary>A random integer from start (inclusive) to end (exclusive); a seed argument makes it repeatable.</summary>
    public static JsonNode Random(JsonNode?[] args, RandomSource random)
    {
        var start = IntegerArgument(args, 0, "States.MathRandom");
        var end = IntegerArgument(args, 1, "States.MathRandom");
        if (start >= end || start < int.MinValue || end > int.MaxValue)
        {
            throw StateFailure.Intrinsic($"States.MathRandom needs a start below its end, both 32-bit integers; got {start} and {end}.");
        }

        if (args.Length == 3)
        {
            var seed = IntegerArgument(args, 2, "States.MathRandom");
            return JsonValue.Create(new System.Random(unchecked((int)seed)).Next((int)start, (int)end));
        }

        return JsonValue.Create(random.Next((int)start, (int)end));
    }
}
