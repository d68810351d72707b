using System.Globalization;
using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>
/// A what-if written like the AWS plan: <c>+</c> create, <c>~</c> modify (with the changed property paths) or deploy
/// (ARM cannot predict the change), <c>-</c> delete, then the counts. NoChange and Ignore (resources of the group
/// the template does not mention, left alone by an incremental deployment) are counted, not listed.
/// </summary>
/// <param name="Changes">The predicted changes.</param>
public sealed record WhatIfPlan(IReadOnlyList<WhatIfChange> Changes)
{
    /// <summary>Resources to create.</summary>
    public int Creates => Changes.Count(c => c.ChangeType == "Create");

    /// <summary>Resources to modify or redeploy.</summary>
    public int Modifies => Changes.Count(c => c.ChangeType is "Modify" or "Deploy");

    /// <summary>Resources to delete.</summary>
    public int Deletes => Changes.Count(c => c.ChangeType == "Delete");

    /// <summary>True when applying the template would change nothing.</summary>
    public bool IsEmpty => Changes.All(c => c.ChangeType is "NoChange" or "Ignore");

    /// <summary>
    /// How <see cref="Write"/> shows a change's resource when its id cannot say (a new group's resources, named by
    /// their symbolic names, not ids); by resource id. Other changes are described from their id.
    /// </summary>
    internal IReadOnlyDictionary<string, (string Type, string Name)>? Labels { get; init; }

    /// <summary>The plan of a group that does not exist yet: every resource of the template created, shown by type and name as the template writes them.</summary>
    public static WhatIfPlan ForNewGroup(AzureTemplateInput template, string resourceGroup)
    {
        var resources = template.Resources();
        var ids = resources.Select(r => $"/resourceGroups/{resourceGroup}/providers/{r.Type}/{r.Name}").ToList();
        return new WhatIfPlan([.. ids.Select(id => new WhatIfChange(id, "Create"))])
        {
            Labels = ids.Zip(resources).DistinctBy(p => p.First, StringComparer.Ordinal).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal),
        };
    }

    /// <summary>Writes the heading, one line per change and the counts.</summary>
    public void Write(TextWriter output, string heading)
    {
        output.WriteLine(heading);
        var shown = Changes.Where(c => c.ChangeType is not ("NoChange" or "Ignore"))
            .Select(c => (Change: c, Resource: Labels?.GetValueOrDefault(c.ResourceId) is { Type: not null } label ? label : Describe(c.ResourceId)))
            .OrderBy(c => Order(c.Change.ChangeType)).ThenBy(c => c.Resource.Type, StringComparer.Ordinal).ThenBy(c => c.Resource.Name, StringComparer.Ordinal)
            .ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(c => c.Resource.Name.Length);
        foreach (var (change, resource) in shown)
        {
            var (sign, detail) = change.ChangeType switch
            {
                "Create" => ("+", string.Empty),
                "Delete" => ("-", string.Empty),
                "Modify" => ("~", change.Delta is { Count: > 0 } delta ? $"  ({string.Join(", ", delta.Select(d => d.Path).Order(StringComparer.Ordinal))})" : string.Empty),
                "Deploy" => ("~", "  (redeployed; ARM cannot predict the change)"),
                _ => ("?", $"  ({change.ChangeType})"),
            };
            output.WriteLine($"  {sign} {resource.Name.PadRight(width)}  {resource.Type}{detail}");
        }

        var unchanged = Changes.Count - shown.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Creates} to add, {Modifies} to change, {Deletes} to remove{(unchanged > 0 ? $", {unchanged} unchanged" : string.Empty)}."));
    }

    /// <summary>The type (<c>Microsoft.Web/sites</c>) and name of a resource id.</summary>
    internal static (string Type, string Name) Describe(string resourceId)
    {
        var at = resourceId.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return ("?", resourceId);
        }

        var parts = resourceId[(at + "/providers/".Length)..].Split('/');
        var types = new List<string> { parts[0] };
        var names = new List<string>();
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            types.Add(parts[i]);
            names.Add(parts[i + 1]);
        }

        return (string.Join('/', types), string.Join('/', names));
    }

    private static int Order(string changeType) => changeType switch
    {
        "Create" => 0,
        "Modify" or "Deploy" => 1,
        "Delete" => 2,
        _ => 3,
    };
}
