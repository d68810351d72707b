using System.Text.Json.Nodes;
using Hakiri.Emit.Azure;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>The stand-in's template evaluator on the real compiled module (infra/azure/main.json).</summary>
public sealed class ArmTemplateEvaluatorTests
{
    private static readonly ArmTemplateEvaluator.Scope Scope = new("sub-1", "hakiri-quickstart-dev", "westeurope", "127.0.0.1:5000");

    private static JsonObject Parameters() => new()
    {
        ["projectName"] = new JsonObject { ["value"] = "quickstart" },
        ["stage"] = new JsonObject { ["value"] = "dev" },
        ["storePrefix"] = new JsonObject { ["value"] = "quickstart" },
        ["schedules"] = new JsonObject { ["value"] = new JsonArray(new JsonObject { ["pipeline"] = "orders", ["expression"] = "0 0 * * * *" }) },
    };

    [Fact]
    public void TheModule_GivesEveryResourceItsTypeAndEvaluatedName_AndEveryOutputItsValue()
    {
        var (resources, outputs) = ArmTemplateEvaluator.Evaluate(JsonNode.Parse(AzureTemplate.ArmJson)!.AsObject(), Parameters(), Scope);

        Assert.Equal(14, resources.Count);
        Assert.All(resources, r => Assert.DoesNotContain("[", r.Name, StringComparison.Ordinal));
        Assert.All(resources, r => Assert.DoesNotContain("\"[", r.Body, StringComparison.Ordinal));
        var store = (string)outputs["storeAccountName"]!["value"]!;
        var app = (string)outputs["functionAppName"]!["value"]!;
        Assert.Matches("^quickstarst[a-z2-7]{13}$", store);
        Assert.Matches("^quickstart-dev-[a-z2-7]{13}$", app);
        Assert.Equal(store[^13..], app[^13..]);
        Assert.Contains(resources, r => r.Type == "Microsoft.Storage/storageAccounts" && r.Name == store);
        Assert.Contains(resources, r => r.Type == "Microsoft.Storage/storageAccounts/blobServices/containers" && r.Name == $"{store}/default/store");
        Assert.Contains(resources, r => r.Type == "Microsoft.Web/serverfarms" && r.Name == "quickstart-dev-plan");
        Assert.Equal(4, resources.Count(r => r.Type == "Microsoft.Authorization/roleAssignments" && Guid.TryParse(r.Name, out _) && r.Scope is not null));
        Assert.Equal(4, resources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments").Select(r => r.Name).Distinct().Count());
        Assert.Equal($"https://{app}.azurewebsites.net/api/mcp", (string)outputs["mcpUrl"]!["value"]!);
        Assert.Equal($"https://{outputs["runtimeAccountName"]!["value"]}.blob.core.windows.net/app-package", (string)outputs["packageContainerUrl"]!["value"]!);

        var site = JsonNode.Parse(resources.Single(r => r.Type == "Microsoft.Web/sites").Body)!;
        var settings = site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
        Assert.Equal("azblob://store/quickstart", settings["HAKIRI_STORE"]);
        Assert.Equal(store, settings["AZURE_STORAGE_ACCOUNT"]);
        Assert.Equal("0 0 * * * *", settings["HAKIRI_SCHEDULE_1"]);
        Assert.Equal("orders", settings["HAKIRI_SCHEDULE_1_PIPELINE"]);
        Assert.Equal("false", settings["AzureWebJobs.Schedule1.Disabled"]);
        Assert.Equal("0 0 0 1 1 *", settings["HAKIRI_SCHEDULE_8"]);
        Assert.Equal("true", settings["AzureWebJobs.Schedule8.Disabled"]);
        Assert.Equal(5 + (8 * 3), settings.Count);
        Assert.Equal(2048, (int)site["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["instanceMemoryMB"]!);
        Assert.Equal("westeurope", (string)site["location"]!);
    }

    [Fact]
    public void TheSameInput_GivesTheSameNamesAndBodies_AndAnotherStageOtherNames()
    {
        var template = JsonNode.Parse(AzureTemplate.ArmJson)!.AsObject();
        var first = ArmTemplateEvaluator.Evaluate(template, Parameters(), Scope);
        var second = ArmTemplateEvaluator.Evaluate(template, Parameters(), Scope);
        var other = Parameters();
        other["stage"] = new JsonObject { ["value"] = "prod" };
        var prod = ArmTemplateEvaluator.Evaluate(template, other, Scope with { ResourceGroup = "hakiri-quickstart-prod" });

        Assert.Equal(first.Resources, second.Resources);
        Assert.Equal(first.Outputs.ToJsonString(), second.Outputs.ToJsonString());
        Assert.NotEqual((string)first.Outputs["storeAccountName"]!["value"]!, (string)prod.Outputs["storeAccountName"]!["value"]!);
    }

    [Theory]
    [InlineData("[frobnicate('x')]", "The template function 'frobnicate' is not known to the stand-in ARM.")]
    [InlineData("[variables('missing')]", "The template variable 'missing' is not found.")]
    [InlineData("[reference('nowhere').x]", "reference('nowhere')")]
    [InlineData("[format('{0}', parameters('p')]", "expected ')'")]
    public void AnExpressionTheStandInCannotEvaluate_Throws(string name, string expected)
    {
        var template = new JsonObject
        {
            ["languageVersion"] = "2.0",
            ["parameters"] = new JsonObject { ["p"] = new JsonObject { ["type"] = "string", ["defaultValue"] = "v" } },
            ["resources"] = new JsonObject { ["r"] = new JsonObject { ["type"] = "Microsoft.Web/sites", ["name"] = name } },
        };

        var error = Assert.Throws<ArmTemplateException>(() => ArmTemplateEvaluator.Evaluate(template, null, Scope));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingResourcesAreSkipped_CopyLoopsExpand_AndEscapedBracketsStayText()
    {
        var template = new JsonObject
        {
            ["languageVersion"] = "2.0",
            ["resources"] = new JsonObject
            {
                ["old"] = new JsonObject { ["existing"] = true, ["type"] = "Microsoft.Web/sites", ["name"] = "[frobnicate()]" },
                ["many"] = new JsonObject
                {
                    ["copy"] = new JsonObject { ["name"] = "many", ["count"] = "[length(createArray('a', 'b', 'c'))]" },
                    ["type"] = "Microsoft.Web/sites",
                    ["name"] = "[format('app-{0}', copyIndex(1))]",
                    ["tags"] = new JsonObject { ["note"] = "[[not an expression]" },
                },
            },
        };

        var (resources, _) = ArmTemplateEvaluator.Evaluate(template, null, Scope);

        Assert.Equal(["app-1", "app-2", "app-3"], resources.Select(r => r.Name));
        Assert.Contains("\"[not an expression]\"", resources[0].Body, StringComparison.Ordinal);
    }
}
