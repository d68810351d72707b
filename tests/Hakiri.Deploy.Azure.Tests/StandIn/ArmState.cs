using System.Text.Json.Nodes;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>What the stand-in ARM holds: resource groups with their resources and deployments.</summary>
internal sealed class ArmState
{
    public Dictionary<string, Group> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class Group(string name, string location)
    {
        public string Name => name;

        public string Location { get; set; } = location;

        public JsonObject Tags { get; set; } = [];

        /// <summary>Resources by id (case-insensitive), with the body they were deployed with.</summary>
        public Dictionary<string, (string Type, string Name, string Body)> Resources { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Deployment> Deployments { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// ARM's id: providers/Ns/a/n1/b/n2 for a child type Ns/a/b named n1/n2; an extension resource (a role
        /// assignment) hangs under its <paramref name="scope"/> id.
        /// </summary>
        public string ResourceId(string subscription, string type, string resourceName, string? scope = null) =>
            ArmTemplateEvaluator.ResourceId(scope ?? $"/subscriptions/{subscription}/resourceGroups/{name}", [type, resourceName]);

        /// <summary>Whether <paramref name="id"/> is a top-level resource of the group (what ARM's resource list shows).</summary>
        public static bool IsTopLevel(string id) =>
            id.Split("/providers/", StringSplitOptions.None).Length == 2 && id.Split("/providers/")[1].Split('/').Length == 3;
    }

    public sealed class Deployment(string name)
    {
        public string Name => name;

        public string State { get; set; } = "Running";

        public JsonObject Outputs { get; set; } = [];

        public JsonObject? Error { get; set; }

        public List<JsonObject> Operations { get; } = [];
    }
}
