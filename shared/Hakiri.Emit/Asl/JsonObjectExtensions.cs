using System.Text.Json.Nodes;

namespace Hakiri.Emit.Asl;

/// <summary>Builds a <see cref="JsonObject"/> from key/value pairs in order (each node is detached from its source).</summary>
internal static class JsonObjectExtensions
{
    public static JsonObject ToJsonObject(this IEnumerable<KeyValuePair<string, JsonNode?>> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in pairs.ToArray())
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }
}
