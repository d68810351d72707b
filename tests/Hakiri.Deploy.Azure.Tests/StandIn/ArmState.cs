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

        public string ResourceId(string subscription, string type, string resourceName)
        {
            var slash = type.IndexOf('/', StringComparison.Ordinal);
            return $"/subscriptions/{subscription}/resourceGroups/{name}/providers/{type[..slash]}/{type[(slash + 1)..]}/{resourceName}";
        }
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
