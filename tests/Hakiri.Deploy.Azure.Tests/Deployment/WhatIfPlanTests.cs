using Hakiri.Deploy.Azure.Arm;
using Hakiri.Deploy.Azure.Deployment;

namespace Hakiri.Deploy.Azure.Tests.Deployment;

public sealed class WhatIfPlanTests
{
    private const string Group = "/subscriptions/s/resourceGroups/rg/providers/";

    [Fact]
    public void Write_MixedChanges_SignsEachAndCountsUnchanged()
    {
        var plan = new WhatIfPlan(
        [
            new WhatIfChange(Group + "Microsoft.Web/sites/app", "Modify", [new WhatIfPropertyChange("properties.siteConfig", "Modify"), new WhatIfPropertyChange("kind", "Modify")]),
            new WhatIfChange(Group + "Microsoft.Storage/storageAccounts/store", "NoChange"),
            new WhatIfChange(Group + "Microsoft.Web/serverfarms/plan", "Create"),
            new WhatIfChange(Group + "Microsoft.Insights/components/old", "Delete"),
            new WhatIfChange(Group + "Microsoft.Storage/storageAccounts/store/blobServices/default", "Deploy"),
            new WhatIfChange(Group + "Microsoft.Network/virtualNetworks/other", "Ignore"),
        ]);
        using var output = new StringWriter();

        plan.Write(output, "Plan:");

        Assert.Equal(
            """
            Plan:
              + plan           Microsoft.Web/serverfarms
              ~ store/default  Microsoft.Storage/storageAccounts/blobServices  (redeployed; ARM cannot predict the change)
              ~ app            Microsoft.Web/sites  (kind, properties.siteConfig)
              - old            Microsoft.Insights/components
            1 to add, 2 to change, 1 to remove, 2 unchanged.

            """.ReplaceLineEndings(), output.ToString());
        Assert.False(plan.IsEmpty);
    }

    [Fact]
    public void IsEmpty_OnlyNoChangeAndIgnore_IsTrue() =>
        Assert.True(new WhatIfPlan([new(Group + "Microsoft.Web/sites/app", "NoChange"), new(Group + "Microsoft.Web/sites/x", "Ignore")]).IsEmpty);

    [Fact]
    public void ForNewGroup_ParameterNamesAndSymbolicTemplates_ListEveryResourceButExistingOnes()
    {
        const string Symbolic = """
            {"languageVersion":"2.0","resources":{"site":{"type":"Microsoft.Web/sites","name":"[format('{0}', 'x')]"},
             "plan":{"type":"Microsoft.Web/serverfarms","existing":true,"name":"p"}}}
            """;

        var symbolic = WhatIfPlan.ForNewGroup(new AzureTemplateInput(Symbolic, "{}"), "rg");
        var named = WhatIfPlan.ForNewGroup(new AzureTemplateInput("""{"resources":[{"type":"Microsoft.Web/sites","name":"[parameters('app')]"}]}""", """{"app":{"value":"my-app"}}"""), "rg");

        Assert.Equal([("Microsoft.Web/sites", "site")], symbolic.Changes.Select(c => WhatIfPlan.Describe(c.ResourceId)));
        Assert.Equal([("Microsoft.Web/sites", "my-app")], named.Changes.Select(c => WhatIfPlan.Describe(c.ResourceId)));
        Assert.Equal(1, named.Creates);
    }

    [Fact]
    public void ForNewGroup_ChildTypesAndCopyLoops_AreShownWithTheirTypeAndSymbolicName()
    {
        const string Symbolic = """
            {"languageVersion":"2.0","variables":{"roles":["r1","r2"]},"resources":{
             "store":{"type":"Microsoft.Storage/storageAccounts/blobServices/containers","name":"[format('{0}/default/store', 'a')]"},
             "access":{"copy":{"name":"access","count":"[length(variables('roles'))]"},"type":"Microsoft.Authorization/roleAssignments","name":"[guid('x')]"}}}
            """;
        using var output = new StringWriter();

        WhatIfPlan.ForNewGroup(new AzureTemplateInput(Symbolic, "{}"), "rg").Write(output, "Plan:");

        Assert.Equal(
            """
            Plan:
              + access[0]  Microsoft.Authorization/roleAssignments
              + access[1]  Microsoft.Authorization/roleAssignments
              + store      Microsoft.Storage/storageAccounts/blobServices/containers
            3 to add, 0 to change, 0 to remove.

            """.ReplaceLineEndings(), output.ToString());
    }

    [Theory]
    [InlineData("3", "+ access[2]", 3)]
    [InlineData("\"[length(parameters('roles'))]\"", "+ access (copy)", 1)]
    [InlineData("\"[length(variables('missing'))]\"", "+ access (copy)", 1)]
    public void ForNewGroup_CopyCount_ListsEachCopyWhenTheTemplateSpellsItOut(string count, string expected, int creates)
    {
        var template = """{"languageVersion":"2.0","resources":{"access":{"copy":{"name":"access","count":"""
            + count + """},"type":"Microsoft.Authorization/roleAssignments","name":"[guid('x')]"}}}""";
        using var output = new StringWriter();

        var plan = WhatIfPlan.ForNewGroup(new AzureTemplateInput(template, "{}"), "rg");
        plan.Write(output, "Plan:");

        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
        Assert.Equal(creates, plan.Creates);
    }
}
