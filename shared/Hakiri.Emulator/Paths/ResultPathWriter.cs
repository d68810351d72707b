using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Paths;

/// <summary>Places a state's result into its raw input at a ResultPath (a Reference Path).</summary>
internal static class ResultPathWriter
{
    /// <summary>
    /// <see langword="null"/> path: the input passes through; <c>$</c>: the result replaces it; otherwise the result
    /// lands at the path, creating the objects on the way.
    /// </summary>
    public static JsonNode? Apply(JsonNode? rawInput, JsonPath? resultPath, JsonNode? result)
    {
        if (resultPath is null)
        {
            return JsonText.Clone(rawInput);
        }

        result = JsonText.Detach(result);
        if (resultPath.IsRoot)
        {
            return result;
        }

        var root = JsonText.Clone(rawInput);
        JsonNode? parent = root;
        var segments = resultPath.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            switch (segments[i], parent)
            {
                case (NameSegment name, JsonObject obj):
                    if (last)
                    {
                        obj[name.Name] = result;
                        return root;
                    }

                    if (!obj.TryGetPropertyValue(name.Name, out var child))
                    {
                        child = new JsonObject();
                        obj[name.Name] = child;
                    }

                    parent = child;
                    break;
                case (IndexSegment index, JsonArray array):
                    var at = index.Index < 0 ? array.Count + index.Index : index.Index;
                    if (at < 0 || at >= array.Count)
                    {
                        throw Mismatch(resultPath, rawInput);
                    }

                    if (last)
                    {
                        array[at] = result;
                        return root;
                    }

                    parent = array[at];
                    break;
                default:
                    throw Mismatch(resultPath, rawInput);
            }
        }

        return root;
    }

    private static StateFailure Mismatch(JsonPath path, JsonNode? input) => new(
        StatesErrors.ResultPathMatchFailure,
        $"Unable to apply ReferencePath {path.Text} to input {JsonText.Describe(input)}.");
}
