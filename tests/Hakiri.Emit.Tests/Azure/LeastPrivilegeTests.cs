using System.Text.Json.Nodes;
using Hakiri.Emit.Azure;

namespace Hakiri.Emit.Tests.Azure;

public sealed class LeastPrivilegeTests
{
    private static JsonObject Compiled() => JsonNode.Parse(AzureTemplate.ArmJson)!.AsObject();

    [Fact]
    public void CompiledTemplate_GrantsOnlyTheDesignedRoles_AndIsHardened()
    {
        Assert.Empty(LeastPrivilege.Problems(Compiled()));
    }

    [Fact]
    public void CompiledTemplate_StoreAccountsAssignmentIsBlobDataContributorOnTheContainer()
    {
        var store = Compiled()["resources"]!["storeAccess"]!;

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', variables('storeAccountName'), 'default', parameters('storeContainer'))]", (string)store["scope"]!);
        Assert.Equal(LeastPrivilege.BlobDataContributor, (string)Compiled()["variables"]!["storageBlobDataContributor"]!);
        Assert.Equal("ServicePrincipal", (string)store["properties"]!["principalType"]!);
    }

    [Fact]
    public void Problems_ResourceGroupOwnerAndAccountWideStoreAccess_AreReported_SoTheCheckCanFail()
    {
        var template = Compiled();
        var resources = template["resources"]!.AsObject();
        resources["storeAccess"]!["scope"] = "[resourceId('Microsoft.Storage/storageAccounts', variables('storeAccountName'))]";
        resources["rgOwner"] = new JsonObject
        {
            ["type"] = "Microsoft.Authorization/roleAssignments",
            ["properties"] = new JsonObject { ["roleDefinitionId"] = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]" },
        };
        resources["runtimeAccount"]!["properties"]!["allowBlobPublicAccess"] = true;
        resources["app"]!.AsObject().Remove("identity");

        var problems = LeastPrivilege.Problems(template);

        Assert.Contains("storeAccess is scoped to the store account, not to the store container", problems);
        Assert.Contains("rgOwner grants the broad role 8e3af657-a8ff-443c-a75c-2fe8c4bcb635", problems);
        Assert.Contains(problems, p => p.StartsWith("rgOwner is scoped to the resource group", StringComparison.Ordinal));
        Assert.Contains("runtimeAccount allows TLS below 1.2, public blob access or plain HTTP", problems);
        Assert.Contains("the function app lacks a system-assigned identity or httpsOnly", problems);
    }

    [Fact]
    public void CompiledTemplate_FunctionAppIsFlexConsumptionDotnetIsolated9WithTheContractsSettings()
    {
        var resources = Compiled()["resources"]!;
        var app = resources["app"]!;
        var config = app["properties"]!["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", (string)app["kind"]!);
        Assert.Equal(("FC1", "FlexConsumption"), ((string)resources["plan"]!["sku"]!["name"]!, (string)resources["plan"]!["sku"]!["tier"]!));
        Assert.Equal(("dotnet-isolated", "9.0"), ((string)config["runtime"]!["name"]!, (string)config["runtime"]!["version"]!));
        Assert.Equal("SystemAssignedIdentity", (string)config["deployment"]!["storage"]!["authentication"]!["type"]!);
        var settings = app["properties"]!["siteConfig"]!["appSettings"]!.ToJsonString() + Compiled()["variables"]!.ToJsonString();
        foreach (var name in new[] { "HAKIRI_MANIFEST", "HAKIRI_STORE", "AZURE_STORAGE_ACCOUNT", "AzureWebJobsStorage__accountName", "APPLICATIONINSIGHTS_CONNECTION_STRING", "HAKIRI_SCHEDULE_{0}", "HAKIRI_SCHEDULE_{0}_PIPELINE", "AzureWebJobs.Schedule{0}.Disabled", "0 0 0 1 1 *" })
        {
            Assert.Contains(name, settings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CompiledTemplate_HasTheOutputsTheDeployerReads()
    {
        var outputs = Compiled()["outputs"]!.AsObject().Select(o => o.Key);

        Assert.Equal(["storeAccountName", "storeContainer", "runtimeAccountName", "packageContainerUrl", "functionAppName", "functionAppHostName", "mcpUrl", "runsUrl"], outputs);
    }
}
