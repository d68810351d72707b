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
    /// languageVersion 2.0 template. A resource with a <c>copy</c> loop is one entry, its name marked "(copy)": the
    /// number of copies is an expression only ARM evaluates.
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
        return resources.ValueKind == JsonValueKind.Object
            ? [.. resources.EnumerateObject().Where(r => !IsExisting(r.Value)).Select(r => (Text(r.Value, "type"), Copied(r.Value, r.Name)))]
            : [.. resources.EnumerateArray().Where(r => !IsExisting(r)).Select(r => (Text(r, "type"), Copied(r, Resolve(Text(r, "name"), values))))];
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

    private static string Copied(JsonElement resource, string name) =>
        resource.TryGetProperty("copy", out var copy) && copy.ValueKind == JsonValueKind.Object ? $"{name} (copy)" : name;

    private static bool IsExisting(JsonElement resource) =>
        resource.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True;

    private static string Text(JsonElement resource, string property) =>
        resource.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "?";
}
