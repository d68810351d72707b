using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>
/// The stand-in's tiny template engine: resources and outputs of an ARM template with every
/// <c>[parameters('x')]</c> string replaced by the parameter's value (or its defaultValue). Enough for the test
/// templates; a real template's other functions are left as written.
/// </summary>
internal static partial class ArmTemplateEvaluator
{
    public sealed record Resource(string Type, string Name, string Body);

    public static (IReadOnlyList<Resource> Resources, JsonObject Outputs) Evaluate(JsonObject template, JsonObject? parameters)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, declaration) in template["parameters"]?.AsObject() ?? [])
        {
            values[name] = declaration?["defaultValue"]?.DeepClone();
        }

        foreach (var (name, supplied) in parameters ?? [])
        {
            values[name] = supplied?["value"]?.DeepClone();
        }

        var resources = (template["resources"]?.AsArray() ?? [])
            .Select(r => Substitute(r!.DeepClone(), values)!.AsObject())
            .Select(r => new Resource((string)r["type"]!, (string)r["name"]!, r.ToJsonString()))
            .ToList();
        var outputs = new JsonObject();
        foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
        {
            outputs[name] = new JsonObject { ["type"] = output?["type"]?.DeepClone(), ["value"] = Substitute(output?["value"]?.DeepClone(), values) };
        }

        return (resources, outputs);
    }

    private static JsonNode? Substitute(JsonNode? node, Dictionary<string, JsonNode?> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (Substitute(obj[key], values) is var replaced && !ReferenceEquals(replaced, obj[key]))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Substitute(array[i], values) is var replaced && !ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && Parameter().Match(text) is { Success: true } match:
                return values.TryGetValue(match.Groups[1].Value, out var replacement) ? replacement?.DeepClone() : node;
            default:
                return node;
        }
    }

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex Parameter();
}
