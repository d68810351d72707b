using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>
/// Checks an ARM parameters file against the compiled template's parameter definitions, as ARM does at deployment:
/// every given name is a parameter, every value has the declared type and length, required parameters (no default)
/// and required properties of user-defined types (<c>definitions</c>, referenced by <c>$ref</c>) are present.
/// </summary>
internal static class ParameterCheck
{
    public static List<string> Problems(JsonObject template, JsonObject parametersFile)
    {
        var problems = new List<string>();
        var declared = template["parameters"]!.AsObject();
        var given = parametersFile["parameters"]!.AsObject();
        if ((string?)parametersFile["$schema"] != "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#")
        {
            problems.Add("the file does not declare the deploymentParameters schema");
        }

        foreach (var (name, _) in given.Where(p => !declared.ContainsKey(p.Key)))
        {
            problems.Add($"{name} is not a parameter of the template");
        }

        foreach (var (name, definition) in declared)
        {
            if (given[name]?["value"] is { } value)
            {
                CheckValue(template, name, definition!.AsObject(), value, problems);
            }
            else if (definition!["defaultValue"] is null && definition["nullable"] is null)
            {
                problems.Add($"{name} is required but missing");
            }
        }

        return problems;
    }

    private static void CheckValue(JsonObject template, string path, JsonObject definition, JsonNode value, List<string> problems)
    {
        if (definition["$ref"] is { } reference)
        {
            definition = template["definitions"]![((string)reference!).Split('/')[^1]]!.AsObject();
        }

        var type = (string)definition["type"]!;
        var kind = value.GetValueKind();
        var expected = type switch
        {
            "string" or "securestring" => JsonValueKind.String,
            "int" => JsonValueKind.Number,
            "bool" => kind == JsonValueKind.False ? JsonValueKind.False : JsonValueKind.True,
            "array" => JsonValueKind.Array,
            _ => JsonValueKind.Object,
        };
        if (kind != expected)
        {
            problems.Add($"{path} is a {type} in the template, not {kind}");
            return;
        }

        var length = kind == JsonValueKind.String ? ((string)value!).Length : kind == JsonValueKind.Array ? value.AsArray().Count : -1;
        if (((int?)definition["minLength"] is { } min && length < min) || ((int?)definition["maxLength"] is { } max && length > max))
        {
            problems.Add($"{path} has length {length}, outside {definition["minLength"]}..{definition["maxLength"]}");
        }

        if (kind == JsonValueKind.Array && definition["items"] is JsonObject items)
        {
            var i = 0;
            foreach (var item in value.AsArray())
            {
                CheckValue(template, $"{path}[{i++}]", items, item!, problems);
            }
        }

        if (kind == JsonValueKind.Object && definition["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                if (value[name] is { } propertyValue)
                {
                    CheckValue(template, $"{path}.{name}", property!.AsObject(), propertyValue, problems);
                }
                else if (property!["nullable"] is null)
                {
                    problems.Add($"{path}.{name} is required but missing");
                }
            }
        }
    }
}
