using System.Globalization;
using System.Text.Json.Nodes;
using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>What a deployment will create, change or delete, written for a person to read before it happens.</summary>
/// <param name="Changes">The resource changes (a change set's, or every resource of a template for a new stack).</param>
public sealed record ChangePlan(IReadOnlyList<ResourceChange> Changes)
{
    /// <summary>Resources to add.</summary>
    public int Adds => Changes.Count(c => c.Action == "Add");

    /// <summary>Resources to change in place or replace.</summary>
    public int Modifies => Changes.Count(c => c.Action == "Modify");

    /// <summary>Resources to remove.</summary>
    public int Removes => Changes.Count(c => c.Action == "Remove");

    /// <summary>Every resource of <paramref name="template"/> as an addition: the plan of a stack that does not exist yet.</summary>
    public static ChangePlan ForNewStack(string template)
    {
        var resources = JsonNode.Parse(template)?["Resources"]?.AsObject() ?? [];
        return new ChangePlan(resources
            .Select(r => new ResourceChange("Add", r.Key, null, (string?)r.Value?["Type"] ?? "?", null, []))
            .ToList());
    }

    /// <summary>Writes the plan: one line per resource (+ add, ~ change, ± replace, - remove) and a count.</summary>
    public void Write(TextWriter output, string heading)
    {
        output.WriteLine(heading);
        var width = Changes.Count == 0 ? 0 : Changes.Max(c => c.LogicalResourceId.Length);
        foreach (var change in Changes.OrderBy(c => Order(c.Action)).ThenBy(c => c.ResourceType, StringComparer.Ordinal).ThenBy(c => c.LogicalResourceId, StringComparer.Ordinal))
        {
            var replaced = change.Action == "Modify" && change.Replacement is "True" or "Conditional";
            var sign = change.Action switch
            {
                "Add" => "+",
                "Remove" => "-",
                "Modify" when replaced => "±",
                "Modify" => "~",
                _ => "?",
            };
            var detail = change.Action switch
            {
                "Modify" when change.Replacement == "True" => "  (replaced)",
                "Modify" when change.Replacement == "Conditional" => "  (may be replaced)",
                "Modify" when change.Scope.Count > 0 => $"  ({string.Join(", ", change.Scope).ToLowerInvariant()})",
                "Remove" when change.ResourceType == "AWS::S3::Bucket" => "  (a retained bucket is kept with its data)",
                _ => string.Empty,
            };
            output.WriteLine($"  {sign} {change.LogicalResourceId.PadRight(width)}  {change.ResourceType}{detail}");
        }

        var replacements = Changes.Count(c => c.Action == "Modify" && c.Replacement == "True");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Adds} to add, {Modifies} to change{(replacements > 0 ? $" ({replacements} replaced)" : string.Empty)}, {Removes} to remove."));
    }

    private static int Order(string action) => action switch
    {
        "Add" => 0,
        "Modify" => 1,
        "Remove" => 2,
        _ => 3,
    };
}
