using System.Text.Json.Nodes;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>The stand-in's routes: the documented ARM paths the deployer calls.</summary>
public sealed partial class StandInArm
{
    private static readonly string[] ApiVersions = ["2023-01-01", "2024-04-01", "2025-03-01-preview"];

    private (int, JsonNode?, Dictionary<string, string>?) Route(string method, string[] path, JsonNode? body)
    {
        if (path is ["operations", var id])
        {
            return PollOperation(id);
        }

        if (path is ["subscriptions", _, "providers", var provider])
        {
            var types = new JsonArray(new[] { "storageAccounts", "sites", "serverfarms", "components", "workspaces" }
                .Select(t => (JsonNode)new JsonObject { ["resourceType"] = t, ["apiVersions"] = new JsonArray([.. ApiVersions.Select(v => (JsonNode)v)]) }).ToArray());
            return (200, new JsonObject { ["namespace"] = provider, ["resourceTypes"] = types }, null);
        }

        if (path is not ["subscriptions", var subscription, var groups, var name, .. var rest] || !groups.Equals("resourcegroups", StringComparison.OrdinalIgnoreCase))
        {
            return (404, Error("InvalidResourceType", $"The resource path '/{string.Join('/', path)}' is not known to the stand-in."), null);
        }

        _state.Groups.TryGetValue(name, out var group);
        switch (rest, method)
        {
            case ([], "GET"):
                return group is null ? GroupNotFound(name) : (200, GroupBody(subscription, group), null);
            case ([], "PUT"):
                var created = group is null;
                group ??= _state.Groups[name] = new ArmState.Group(name, (string)body!["location"]!);
                group.Tags = body!["tags"]?.DeepClone().AsObject() ?? [];
                return (created ? 201 : 200, GroupBody(subscription, group), null);
            case ([], "DELETE"):
                if (group is null)
                {
                    return GroupNotFound(name);
                }

                var location = Operation(poll => poll < 2 ? (202, null) : (_state.Groups.Remove(name) ? 200 : 200, null));
                return (202, null, new() { ["Location"] = location, ["Retry-After"] = "0" });
            case (["resources"], "GET"):
                return group is null ? GroupNotFound(name) : (200, new JsonObject { ["value"] = new JsonArray([.. group.Resources.Where(r => ArmState.Group.IsTopLevel(r.Key)).Select(r => (JsonNode)new JsonObject { ["id"] = r.Key, ["name"] = r.Value.Name, ["type"] = r.Value.Type })]) }, null);
            case (["providers", var ns, "deployments", var deployment, .. var tail], _) when ns.Equals("Microsoft.Resources", StringComparison.OrdinalIgnoreCase):
                return group is null ? GroupNotFound(name) : Deployments(subscription, group, deployment, tail, method, body);
            case (["providers", var ns, var type, var resourceName], _):
                return Resource(subscription, group, $"{ns}/{type}", resourceName, method);
            default:
                return (405, Error("MethodNotAllowed", $"{method} is not supported on this path by the stand-in."), null);
        }
    }

    private (int, JsonNode?, Dictionary<string, string>?) Resource(string subscription, ArmState.Group? group, string type, string name, string method)
    {
        var id = group?.ResourceId(subscription, type, name);
        if (group is null || !group.Resources.ContainsKey(id!))
        {
            return method == "DELETE" ? (204, null, null) : (404, Error("ResourceNotFound", $"The Resource '{type}/{name}' under resource group '{group?.Name}' was not found."), null);
        }

        if (method == "DELETE")
        {
            // Like ARM: the resource's children and the extension resources (role assignments) scoped to it go with it.
            foreach (var gone in group.Resources.Keys.Where(k => k.Equals(id, StringComparison.OrdinalIgnoreCase) || k.StartsWith(id + "/", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                group.Resources.Remove(gone);
            }

            return (200, null, null);
        }

        var properties = ArmTemplateEvaluator.RuntimeState(type, name, new Uri(BaseUrl).Authority);
        return (200, new JsonObject { ["id"] = id, ["name"] = name, ["type"] = type, ["properties"] = properties }, null);
    }

    private static JsonObject GroupBody(string subscription, ArmState.Group group) => new()
    {
        ["id"] = $"/subscriptions/{subscription}/resourceGroups/{group.Name}",
        ["name"] = group.Name,
        ["location"] = group.Location,
        ["tags"] = group.Tags.DeepClone(),
        ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
    };

    private static (int, JsonNode?, Dictionary<string, string>?) GroupNotFound(string name) =>
        (404, Error("ResourceGroupNotFound", $"Resource group '{name}' could not be found."), null);
}
