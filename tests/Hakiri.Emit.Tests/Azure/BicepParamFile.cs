using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>
/// Spells an ARM parameters file as the equivalent <c>.bicepparam</c>, so <c>bicep build-params</c> type-checks the
/// values against the module's declarations (types, lengths, required properties) and writes its own parameters JSON.
/// </summary>
internal static class BicepParamFile
{
    public static string From(JsonObject parametersFile, string module)
    {
        var text = new StringBuilder($"using '{module}'\n");
        foreach (var (name, parameter) in parametersFile["parameters"]!.AsObject())
        {
            text.Append($"param {name} = {Literal(parameter!["value"]!)}\n");
        }

        return text.ToString();
    }

    private static string Key(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : Literal(JsonValue.Create(name));

    private static string Literal(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "'" + ((string)value!).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("${", "\\${", StringComparison.Ordinal) + "'",
        JsonValueKind.Array => "[" + string.Join(", ", value.AsArray().Select(v => Literal(v!))) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", value.AsObject().Select(p => $"{Key(p.Key)}: {Literal(p.Value!)}")) + "}",
        _ => value.ToJsonString(),
    };
}
