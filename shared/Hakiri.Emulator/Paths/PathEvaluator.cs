using System.Text.Json.Nodes;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Paths;

/// <summary>Applies a <see cref="JsonPath"/> to a JSON value.</summary>
internal static class PathEvaluator
{
    /// <summary>
    /// The value a path selects, as a copy: for a definite path the single node (false when absent), for any other
    /// path an array of every match (possibly empty), which is how Step Functions treats multi-node selections.
    /// </summary>
    public static bool TryEvaluate(JsonNode? root, JsonPath path, out JsonNode? value)
    {
        var matches = Select(root, path);
        if (path.IsDefinite)
        {
            value = matches.Count == 1 ? JsonText.Clone(matches[0]) : null;
            return matches.Count == 1;
        }

        var array = new JsonArray();
        foreach (var match in matches)
        {
            array.Add(JsonText.Clone(match));
        }

        value = array;
        return true;
    }

    /// <summary>The nodes a path selects, in document order (references into <paramref name="root"/>).</summary>
    public static List<JsonNode?> Select(JsonNode? root, JsonPath path)
    {
        List<JsonNode?> current = [root];
        foreach (var segment in path.Segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                Apply(segment, node, next);
            }

            current = next;
        }

        return current;
    }

    private static void Apply(PathSegment segment, JsonNode? node, List<JsonNode?> into)
    {
        switch (segment)
        {
            case NameSegment name when node is JsonObject obj && obj.TryGetPropertyValue(name.Name, out var child):
                into.Add(child);
                break;
            case IndexSegment index when node is JsonArray array:
                var at = index.Index < 0 ? array.Count + index.Index : index.Index;
                if (at >= 0 && at < array.Count)
                {
                    into.Add(array[at]);
                }

                break;
            case WildcardSegment:
                AddChildren(node, into);
                break;
            case SliceSegment slice when node is JsonArray array:
                AddSlice(slice, array, into);
                break;
            case UnionSegment union:
                foreach (var member in union.Members)
                {
                    Apply(member, node, into);
                }

                break;
            case DescendantSegment descendant:
                ApplyAtEveryDepth(descendant.Inner, node, into);
                break;
        }
    }

    private static void AddChildren(JsonNode? node, List<JsonNode?> into)
    {
        if (node is JsonObject obj)
        {
            into.AddRange(obj.Select(p => p.Value));
        }
        else if (node is JsonArray array)
        {
            into.AddRange(array);
        }
    }

    private static void ApplyAtEveryDepth(PathSegment inner, JsonNode? node, List<JsonNode?> into)
    {
        Apply(inner, node, into);
        var children = new List<JsonNode?>();
        AddChildren(node, children);
        foreach (var child in children)
        {
            if (child is JsonObject or JsonArray)
            {
                ApplyAtEveryDepth(inner, child, into);
            }
        }
    }

    private static void AddSlice(SliceSegment slice, JsonArray array, List<JsonNode?> into)
    {
        var count = array.Count;
        int Normalize(int i) => i < 0 ? Math.Max(count + i, -1) : Math.Min(i, count);
        if (slice.Step > 0)
        {
            var start = Math.Max(Normalize(slice.Start ?? 0), 0);
            var end = Normalize(slice.End ?? count);
            for (var i = start; i < end; i += slice.Step)
            {
                into.Add(array[i]);
            }
        }
        else
        {
            var start = Math.Min(Normalize(slice.Start ?? count - 1), count - 1);
            var end = slice.End is null ? -1 : Normalize(slice.End.Value);
            for (var i = start; i > end && i >= 0; i += slice.Step)
            {
                into.Add(array[i]);
            }
        }
    }
}
