using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>
/// Reads the compiled template (what ARM receives, not the Bicep source) for what the function app's identity may do
/// and how the storage accounts and the app are hardened, and lists every departure from the design.
/// </summary>
internal static partial class LeastPrivilege
{
    public const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public static readonly string[] RuntimeRoles = ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"];

    // Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, Storage Account Contributor.
    private static readonly string[] Broad = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "f58310d9-a9f6-439a-9e8d-f62e7b41a168", "17d1049b-9a84-46fb-8f53-869881c3d3ab"];

    public static List<string> Problems(JsonObject template)
    {
        var problems = new List<string>();
        var resources = template["resources"]!.AsObject().Select(r => (Name: r.Key, Body: r.Value!.AsObject())).ToList();
        var variables = template["variables"]!.AsObject();
        var assignments = resources.Where(r => (string?)r.Body["type"] == "Microsoft.Authorization/roleAssignments").ToList();
        var storeRoles = new List<string>();
        var runtimeRoles = new List<string>();
        foreach (var (name, body) in assignments)
        {
            var scope = (string?)body["scope"];
            var roles = Roles((string)body["properties"]!["roleDefinitionId"]!, variables);
            problems.AddRange(roles.Where(Broad.Contains).Select(r => $"{name} grants the broad role {r}"));
            if (scope is null || !scope.Contains("Microsoft.Storage/", StringComparison.Ordinal))
            {
                problems.Add($"{name} is scoped to the resource group or subscription ({scope ?? "no scope"}), not to a storage resource");
            }
            else if (scope.Contains("variables('storeAccountName')", StringComparison.Ordinal))
            {
                storeRoles.AddRange(roles);
                if (!scope.StartsWith("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers'", StringComparison.Ordinal))
                {
                    problems.Add($"{name} is scoped to the store account, not to the store container");
                }
            }
            else if (scope == "[resourceId('Microsoft.Storage/storageAccounts', variables('runtimeAccountName'))]")
            {
                runtimeRoles.AddRange(roles);
            }
            else
            {
                problems.Add($"{name} is scoped to {scope}, neither the store container nor the runtime account");
            }
        }

        if (!storeRoles.SequenceEqual([BlobDataContributor]))
        {
            problems.Add($"the store gets roles [{string.Join(", ", storeRoles)}], not Storage Blob Data Contributor alone");
        }

        if (!runtimeRoles.Order().SequenceEqual(RuntimeRoles.Order()))
        {
            problems.Add($"the runtime account gets roles [{string.Join(", ", runtimeRoles)}], not blob owner + queue + table data contributor");
        }

        foreach (var (name, body) in resources.Where(r => (string?)r.Body["type"] == "Microsoft.Storage/storageAccounts"))
        {
            var p = body["properties"]!;
            if ((string?)p["minimumTlsVersion"] != "TLS1_2" || p["allowBlobPublicAccess"]?.GetValue<bool>() != false || p["supportsHttpsTrafficOnly"]?.GetValue<bool>() != true)
            {
                problems.Add($"{name} allows TLS below 1.2, public blob access or plain HTTP");
            }
        }

        var apps = resources.Where(r => (string?)r.Body["type"] == "Microsoft.Web/sites").ToList();
        if (apps.Count != 1 || (string?)apps[0].Body["identity"]?["type"] != "SystemAssigned" || apps[0].Body["properties"]?["httpsOnly"]?.GetValue<bool>() != true)
        {
            problems.Add("the function app lacks a system-assigned identity or httpsOnly");
        }

        return problems;
    }

    // A role definition id is a subscriptionResourceId over a variable (one role) or an element of an array variable (a loop).
    private static string[] Roles(string expression, JsonObject variables)
    {
        var variable = RoleVariable().Match(expression);
        if (!variable.Success)
        {
            return Guid().Matches(expression).Select(m => m.Value).ToArray();
        }

        var value = variables[variable.Groups[1].Value]!;
        return value is JsonArray array ? array.Select(v => (string)v!).ToArray() : [(string)value!];
    }

    [GeneratedRegex(@"variables\('([A-Za-z]+)'\)")]
    private static partial Regex RoleVariable();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
