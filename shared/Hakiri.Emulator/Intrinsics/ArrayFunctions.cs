using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Json;
using static Hakiri.Emulator.Intrinsics.IntrinsicFunctions;

namespace Hakiri.Emulator.Intrinsics;

/// <summary>States.Array* functions.</summary>
internal static class ArrayFunctions
{
    private const int MaxRangeLength = 1000;

    public static JsonArray Partition(JsonNode?[] args)
    {
        var array = ArrayArgument(args, 0, "States.ArrayPartition");
        var size = IntegerArgument(args, 1, "States.ArrayPartition");
        if (size <= 0)
        {
            throw StateFailure.Intrinsic($"The chunk size of States.ArrayPartition must be a positive integer, not {size}.");
        }

        var chunks = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in array)
        {
            if (chunk is null || chunk.Count == size)
            {
                chunk = [];
                chunks.Add((JsonNode)chunk);
            }

            chunk.Add(JsonText.Clone(item));
        }

        return chunks;
    }

    public static JsonNode Contains(JsonNode?[] args)
    {
        var array = ArrayArgument(args, 0, "States.ArrayContains");
        return JsonValue.Create(array.Any(item => JsonNode.DeepEquals(item, args[1])));
    }

    public static JsonArray Range(JsonNode?[] args)
    {
        var start = IntegerArgument(args, 0, "States.ArrayRange");
        var end = IntegerArgument(args, 1, "States.ArrayRange");
        var step = IntegerArgument(args, 2, "States.ArrayRange");
        if (step == 0)
        {
            throw StateFailure.Intrinsic("The step of States.ArrayRange must not be 0.");
        }

        var count = end == start ? 1 : Math.Sign(end - start) == Math.Sign(step) ? ((end - start) / step) + 1 : 0;
        if (count > MaxRangeLength)
        {
            throw StateFailure.Intrinsic($"States.ArrayRange would make {count} items; at most {MaxRangeLength} are allowed.");
        }

        var range = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            range.Add((JsonNode)JsonValue.Create(start + (i * step)));
        }

        return range;
    }

    public static JsonNode? GetItem(JsonNode?[] args)
    {
        var array = ArrayArgument(args, 0, "States.ArrayGetItem");
        var index = IntegerArgument(args, 1, "States.ArrayGetItem");
        return index >= 0 && index < array.Count
            ? JsonText.Clone(array[(int)index])
            : throw StateFailure.Intrinsic($"The index {index} is out of the bounds of the array of {array.Count} item(s) given to States.ArrayGetItem.");
    }

    public static JsonNode Length(JsonNode?[] args) => JsonValue.Create(ArrayArgument(args, 0, "States.ArrayLength").Count);

    public static JsonArray Unique(JsonNode?[] args)
    {
        var array = ArrayArgument(args, 0, "States.ArrayUnique");
        var unique = new JsonArray();
        foreach (var item in array)
        {
            if (!unique.Any(seen => JsonNode.DeepEquals(seen, item)))
            {
                unique.Add(JsonText.Clone(item));
            }
        }

        return unique;
    }
}
