using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hakiri.Infra.Aws.Tests;

/// <summary>Reading synthesized CloudFormation templates.</summary>
internal static partial class Templates
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<(string Id, JsonObject Properties)> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? []));

    public static IEnumerable<JsonObject> Statements(JsonObject policy) =>
        policy["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject());

    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => a!.ToJsonString()).ToArray(),
        null => [],
        _ => [node.ToJsonString()],
    };

    /// <summary>
    /// The template without what changes from machine to machine or CDK release: asset hashes and the bootstrap
    /// version check, which belong to the CDK's deployment plumbing rather than to the stack Hakiri defines.
    /// </summary>
    public static string Normalize(JsonObject template)
    {
        var copy = template.DeepClone().AsObject();
        copy["Parameters"]?.AsObject().Remove("BootstrapVersion");
        if (copy["Parameters"] is JsonObject { Count: 0 })
        {
            copy.Remove("Parameters");
        }

        copy.Remove("Rules");
        var text = copy.ToJsonString(Indented);
        return AssetHash().Replace(text, "<asset-hash>") + "\n";
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex AssetHash();
}
