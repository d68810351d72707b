using System.Text.Json;
using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>
/// The compiled ARM template (main.json) and its parameters (main.parameters.json, either the deployment-parameters
/// file with <c>$schema</c>/<c>contentVersion</c>/<c>parameters</c> or just the parameters object).
/// </summary>
/// <param name="TemplateJson">The ARM template.</param>
/// <param name="ParametersJson">The parameters.</param>
public sealed record AzureTemplateInput(string TemplateJson, string ParametersJson)
{
    /// <summary>The body of the incremental deployment and of its what-if.</summary>
    internal DeploymentRequest Request()
    {
        using var template = JsonDocument.Parse(TemplateJson);
        using var parameters = JsonDocument.Parse(ParametersJson);
        return new DeploymentRequest(new DeploymentRequestProperties("Incremental", template.RootElement.Clone(), Values(parameters.RootElement).Clone()));
    }

    /// <summary>
    /// Every resource of the template as a creation, for a resource group that does not exist yet (what-if needs the
    /// group): <c>type</c> and <c>name</c> as written (a name may be an expression), or the symbolic name of a
    /// languageVersion 2.0 template. A resource with a <c>copy</c> loop is one entry per copy (<c>name[i]</c>) when the
    /// count is a number or the length of an array variable written out in the template; otherwise one entry marked
    /// "(copy)", its count being an expression only ARM evaluates.
    /// </summary>
    internal IReadOnlyList<(string Type, string Name)> Resources()
    {
        using var template = JsonDocument.Parse(TemplateJson);
        if (!template.RootElement.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        using var parameters = JsonDocument.Parse(ParametersJson);
        var values = Values(parameters.RootElement);
        var root = template.RootElement;
        return resources.ValueKind == JsonValueKind.Object
            ? [.. resources.EnumerateObject().Where(r => !IsExisting(r.Value)).SelectMany(r => Copies(root, r.Value, r.Name).Select(n => (Text(r.Value, "type"), n)))]
            : [.. resources.EnumerateArray().Where(r => !IsExisting(r)).SelectMany(r => Copies(root, r, Resolve(Text(r, "name"), values)).Select(n => (Text(r, "type"), n)))];
    }

    /// <summary>A name written <c>[parameters('x')]</c> with x's string value in its place; any other expression as written.</summary>
    private static string Resolve(string name, JsonElement parameters) =>
        name.StartsWith("[parameters('", StringComparison.Ordinal) && name.EndsWith("')]", StringComparison.Ordinal)
        && parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty(name["[parameters('".Length..^"')]".Length], out var parameter)
        && parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : name;

    private static JsonElement Values(JsonElement root) =>
        root.TryGetProperty("parameters", out var inner) && root.TryGetProperty("contentVersion", out _) ? inner : root;

    private static IEnumerable<string> Copies(JsonElement template, JsonElement resource, string name)
    {
        if (!resource.TryGetProperty("copy", out var copy) || copy.ValueKind != JsonValueKind.Object)
        {
            return [name];
        }

        return CopyCount(template, copy) is { } count ? Enumerable.Range(0, count).Select(i => $"{name}[{i}]") : [$"{name} (copy)"];
    }

    // A count written as a number, or as [length(variables('x'))] of an array variable the template spells out.
    private static int? CopyCount(JsonElement template, JsonElement copy)
    {
        if (!copy.TryGetProperty("count", out var count))
        {
            return null;
        }

        if (count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var number))
        {
            return number;
        }

        const string Prefix = "[length(variables('", Suffix = "'))]";
        var text = count.ValueKind == JsonValueKind.String ? count.GetString()! : string.Empty;
        return text.StartsWith(Prefix, StringComparison.Ordinal) && text.EndsWith(Suffix, StringComparison.Ordinal)
            && template.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object
            && variables.TryGetProperty(text[Prefix.Length..^Suffix.Length], out var array) && array.ValueKind == JsonValueKind.Array
            ? array.GetArrayLength()
            : null;
    }

    private static bool IsExisting(JsonElement resource) =>
        resource.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True;

    private static string Text(JsonElement resource, string property) =>
        resource.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "?";
}
