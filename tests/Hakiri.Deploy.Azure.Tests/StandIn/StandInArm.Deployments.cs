using System.Text.Json.Nodes;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>Deployments: PUT + Azure-AsyncOperation, GET, operations, what-if + Location.</summary>
public sealed partial class StandInArm
{
    private (int, JsonNode?, Dictionary<string, string>?) Deployments(string subscription, ArmState.Group group, string name, string[] tail, string method, JsonNode? body)
    {
        group.Deployments.TryGetValue(name, out var deployment);
        switch (tail, method)
        {
            case ([], "GET"):
                return deployment is null
                    ? (404, Error("DeploymentNotFound", $"Deployment '{name}' could not be found."), null)
                    : (200, DeploymentBody(deployment), null);
            case ([], "PUT"):
                return StartDeployment(subscription, group, name, body!);
            case (["operations"], "GET") when deployment is not null:
                return (200, new JsonObject { ["value"] = new JsonArray([.. deployment.Operations.Select(o => o.DeepClone())]) }, null);
            case ([var whatIf], "POST") when whatIf.Equals("whatIf", StringComparison.OrdinalIgnoreCase):
                var planned = Evaluate(subscription, group, body!);
                if (planned is not ({ } resources, _, null))
                {
                    return InvalidTemplate(planned.Error!);
                }

                var changes = WhatIf(subscription, group, resources);
                var location = Operation(poll => poll < 2
                    ? (202, null)
                    : (200, new JsonObject { ["status"] = "Succeeded", ["properties"] = new JsonObject { ["changes"] = changes.DeepClone() } }));
                return (202, null, new() { ["Location"] = location, ["Retry-After"] = "0" });
            default:
                return (404, Error("DeploymentNotFound", $"Deployment '{name}' could not be found."), null);
        }
    }

    private (int, JsonNode?, Dictionary<string, string>?) StartDeployment(string subscription, ArmState.Group group, string name, JsonNode body)
    {
        var evaluated = Evaluate(subscription, group, body);
        if (evaluated is not ({ } resources, { } outputs, null))
        {
            return InvalidTemplate(evaluated.Error!);
        }

        var deployment = group.Deployments[name] = new ArmState.Deployment(name);
        var failing = FailingType;
        foreach (var resource in resources)
        {
            deployment.Operations.Add(new JsonObject
            {
                ["operationId"] = Guid.NewGuid().ToString("n"),
                ["properties"] = new JsonObject
                {
                    ["provisioningState"] = "Running",
                    ["targetResource"] = new JsonObject { ["id"] = group.ResourceId(subscription, resource.Type, resource.Name, resource.Scope), ["resourceType"] = resource.Type, ["resourceName"] = resource.Name },
                },
            });
        }

        var status = Operation(poll =>
        {
            lock (_gate)
            {
                if (poll < 2)
                {
                    return (200, new JsonObject { ["status"] = "Running" });
                }

                for (var i = 0; i < resources.Count; i++)
                {
                    var properties = deployment.Operations[i]["properties"]!.AsObject();
                    if (resources[i].Type == failing)
                    {
                        properties["provisioningState"] = "Failed";
                        properties["statusMessage"] = new JsonObject
                        {
                            ["status"] = "Failed",
                            ["error"] = Error("Conflict", "The deployment failed.", [Error("SkuNotAvailable", $"The requested size for resource '{resources[i].Name}' is currently not available in location 'westeurope'.")["error"]!.DeepClone()])["error"]!.DeepClone(),
                        };
                        continue;
                    }

                    properties["provisioningState"] = "Succeeded";
                    group.Resources[group.ResourceId(subscription, resources[i].Type, resources[i].Name, resources[i].Scope)] = (resources[i].Type, resources[i].Name, resources[i].Body);
                }

                if (failing is not null && resources.Any(r => r.Type == failing))
                {
                    deployment.State = "Failed";
                    deployment.Error = Error("DeploymentFailed", "At least one resource deployment operation failed. Please list deployment operations for details.")["error"]!.AsObject();
                    return (200, new JsonObject { ["status"] = "Failed", ["error"] = deployment.Error.DeepClone() });
                }

                deployment.State = "Succeeded";
                deployment.Outputs = outputs;
                return (200, new JsonObject { ["status"] = "Succeeded" });
            }
        });
        return (201, DeploymentBody(deployment), new() { ["Azure-AsyncOperation"] = status, ["Retry-After"] = "1" });
    }

    /// <summary>The template's resources and outputs, or nulls after recording why it cannot be evaluated (answered 400 InvalidTemplate).</summary>
    private (IReadOnlyList<ArmTemplateEvaluator.Resource>? Resources, JsonObject? Outputs, string? Error) Evaluate(string subscription, ArmState.Group group, JsonNode body)
    {
        try
        {
            var (resources, outputs) = ArmTemplateEvaluator.Evaluate(body["properties"]!["template"]!.AsObject(), body["properties"]!["parameters"]?.AsObject(),
                new ArmTemplateEvaluator.Scope(subscription, group.Name, group.Location, new Uri(BaseUrl).Authority));
            return (resources, outputs, null);
        }
        catch (ArmTemplateException e)
        {
            return (null, null, e.Message);
        }
    }

    private (int, JsonNode?, Dictionary<string, string>?) InvalidTemplate(string message)
    {
        TemplateErrors.Enqueue(message);
        return (400, Error("InvalidTemplate", $"Deployment template validation failed: '{message}'."), null);
    }

    private static JsonArray WhatIf(string subscription, ArmState.Group group, IReadOnlyList<ArmTemplateEvaluator.Resource> resources)
    {
        var changes = new JsonArray();
        var mentioned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in resources)
        {
            var id = group.ResourceId(subscription, resource.Type, resource.Name, resource.Scope);
            mentioned.Add(id);
            var change = new JsonObject { ["resourceId"] = id };
            if (!group.Resources.TryGetValue(id, out var existing))
            {
                change["changeType"] = "Create";
            }
            else if (existing.Body == resource.Body)
            {
                change["changeType"] = "NoChange";
            }
            else
            {
                change["changeType"] = "Modify";
                change["delta"] = new JsonArray(new JsonObject { ["path"] = "properties", ["propertyChangeType"] = "Modify" });
            }

            changes.Add(change);
        }

        foreach (var id in group.Resources.Keys.Where(k => !mentioned.Contains(k)))
        {
            changes.Add(new JsonObject { ["resourceId"] = id, ["changeType"] = "Ignore" });
        }

        return changes;
    }

    private static JsonObject DeploymentBody(ArmState.Deployment deployment) => new()
    {
        ["name"] = deployment.Name,
        ["properties"] = new JsonObject
        {
            ["provisioningState"] = deployment.State,
            ["outputs"] = deployment.Outputs.DeepClone(),
            ["error"] = deployment.Error?.DeepClone(),
        },
    };
}
