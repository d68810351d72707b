using System.IO.Compression;
using System.Text.RegularExpressions;
using Hakiri.Deploy.Azure.Tests.StandIn;

namespace Hakiri.Deploy.Azure.Tests;

/// <summary>
/// The default path: <c>hakiri deploy azure</c> without <c>--template</c> deploys the module emitted from the manifest
/// (infra/azure/main.json, languageVersion 2.0) to the stand-in ARM, which evaluates it like ARM would.
/// </summary>
[Collection(StandInArmCollection.Name)]
public sealed partial class EmittedTemplateDeployTests(StandInArmFixture fixture)
{
    private readonly StandInArm _arm = fixture.Arm;

    [Fact]
    public async Task Plan_OnANewResourceGroup_ListsTheModulesResources()
    {
        using var harness = new DeployHarness(_arm, "emitplan", emitted: true);
        var writesBefore = Writes();

        var plan = await harness.DeployAsync("--plan");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"+ {harness.Group}  Microsoft.Resources/resourceGroups (new, in westeurope)", plan.Stdout, StringComparison.Ordinal);
        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices/containers", "Microsoft.Web/serverfarms", "Microsoft.Web/sites", "Microsoft.Insights/components", "Microsoft.OperationalInsights/workspaces", "Microsoft.Authorization/roleAssignments" })
        {
            Assert.True(plan.Stdout.Contains($"  {type}", StringComparison.Ordinal), plan.Stdout);
        }

        // A new group has no what-if: the resources are listed by symbolic name (the names are expressions only ARM
        // evaluates, uniqueString() among them); the role-assignment copy loop is one line per role the module lists.
        Assert.Contains("  + app               Microsoft.Web/sites\n", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("  + store             Microsoft.Storage/storageAccounts/blobServices/containers\n", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("  + runtimeAccess[2]  Microsoft.Authorization/roleAssignments\n", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("14 to add, 0 to change, 0 to remove.", plan.Stdout, StringComparison.Ordinal);
        Assert.Null(_arm.Resources(harness.Group));
        Assert.Equal(writesBefore, Writes());
    }

    [Fact]
    public async Task Deploy_CreatesTheModule_PublishesToTheOutputApp_RedeployChangesNothing_AndDestroyKeepsTheStore()
    {
        using var harness = new DeployHarness(_arm, "emitted", emitted: true);
        var published = _arm.Published.Count;
        var templateErrors = _arm.TemplateErrors.Count;

        var created = await harness.DeployAsync();

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(templateErrors, _arm.TemplateErrors.Count);
        var app = Output(created.Stdout, "functionAppName");
        var store = Output(created.Stdout, "storeAccountName");
        Assert.Matches("^quickstart-emitted-[a-z2-7]{13}$", app);
        Assert.Matches("^quickstarst[a-z2-7]{13}$", store);
        Assert.Equal($"https://{app}.azurewebsites.net/api/mcp", Output(created.Stdout, "mcpUrl"));
        Assert.Equal($"https://{app}.azurewebsites.net/api/runs", Output(created.Stdout, "runsUrl"));
        Assert.Equal("store", Output(created.Stdout, "storeContainer"));
        Assert.Contains($"Microsoft.Web/sites {app}: Succeeded", created.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Published the function package (", created.Stdout, StringComparison.Ordinal);
        Assert.Contains($") to {app} via http://{new Uri(_arm.BaseUrl).Authority}.", created.Stdout, StringComparison.Ordinal);

        var resources = _arm.Resources(harness.Group)!;
        Assert.Equal(14, resources.Count);
        Assert.Contains(("Microsoft.Storage/storageAccounts", store), resources);
        Assert.Contains(("Microsoft.Web/sites", app), resources);
        Assert.Contains(("Microsoft.Storage/storageAccounts/blobServices/containers", $"{store}/default/store"), resources);
        Assert.Equal(4, resources.Count(r => r.Type == "Microsoft.Authorization/roleAssignments"));

        Assert.Equal(published + 1, _arm.Published.Count);
        using (var zip = new ZipArchive(new MemoryStream(_arm.Published.Last())))
        {
            using var reader = new StreamReader(zip.GetEntry("hakiri.toml")!.Open());
            Assert.Equal(File.ReadAllText(harness.Manifest), reader.ReadToEnd());
        }

        var again = await harness.DeployAsync();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"No changes: deployment {harness.Group} in {harness.Group} is up to date.", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(published + 1, _arm.Published.Count);

        // The manifest's schedules are the app's settings: a changed schedule is a planned change to the site only.
        Assert.Equal("0 0 */1 * * *", Setting(harness, app, "HAKIRI_SCHEDULE_1"));
        Assert.Equal("orders", Setting(harness, app, "HAKIRI_SCHEDULE_1_PIPELINE"));
        Assert.Equal("true", Setting(harness, app, "AzureWebJobs.Schedule3.Disabled"));
        File.WriteAllText(harness.Manifest, File.ReadAllText(harness.Manifest).Replace("rate(1 hour)", "rate(2 hours)", StringComparison.Ordinal));
        var plan = await harness.DeployAsync("--plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"  ~ {app}  Microsoft.Web/sites  (properties)\n", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to remove, 13 unchanged.", plan.Stdout, StringComparison.Ordinal);
        var changed = await harness.DeployAsync();
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal("0 0 */2 * * *", Setting(harness, app, "HAKIRI_SCHEDULE_1"));
        Assert.Equal(published + 2, _arm.Published.Count);

        var destroyed = await harness.DestroyAsync("--yes");
        Assert.True(destroyed.ExitCode == 0, destroyed.ToString());
        Assert.Contains($"Kept storage account {store} with the store's data", destroyed.Stdout, StringComparison.Ordinal);
        // What is left is the store account with its blob service, container and the container's role assignment.
        var left = _arm.Resources(harness.Group)!;
        Assert.Contains(("Microsoft.Storage/storageAccounts", store), left);
        Assert.DoesNotContain(left, r => r.Type == "Microsoft.Storage/storageAccounts" && r.Name != store);
        Assert.DoesNotContain(left, r => r.Type.StartsWith("Microsoft.Web/", StringComparison.Ordinal));
        Assert.All(left, r => Assert.True(r.Type.StartsWith("Microsoft.Storage/", StringComparison.Ordinal) ? r.Name.StartsWith(store, StringComparison.Ordinal) : r.Type == "Microsoft.Authorization/roleAssignments", r.ToString()));

        var all = await harness.DestroyAsync("--yes", "--delete-data");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains($"Deleted resource group {harness.Group}.", all.Stdout, StringComparison.Ordinal);
        Assert.Null(_arm.Resources(harness.Group));
    }

    [Fact]
    public async Task Deploy_OfATemplateWithAFunctionTheStandInDoesNotKnow_FailsLoudlyNamingIt()
    {
        using var harness = new DeployHarness(_arm, "unknownfn");
        var main = Path.Combine(harness.Template, "main.json");
        File.WriteAllText(main, File.ReadAllText(main).Replace("[parameters('planName')]", "[frobnicate(parameters('planName'))]", StringComparison.Ordinal));

        var result = await harness.DeployAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.Stderr.Contains("InvalidTemplate", StringComparison.Ordinal) && result.Stderr.Contains("'frobnicate'", StringComparison.Ordinal), result.ToString());
        Assert.Contains(_arm.TemplateErrors, e => e.Contains("'frobnicate'", StringComparison.Ordinal));
        Assert.Empty(_arm.Resources(harness.Group)!);
    }

    [Fact]
    public async Task Deploy_WithAScheduleAzureCannotRun_ExitsTwoWithTheLocatedError_AndSendsNothing()
    {
        using var harness = new DeployHarness(_arm, "badschedule", emitted: true);
        var text = File.ReadAllText(harness.Manifest);
        File.WriteAllText(harness.Manifest, text.Replace("schedule = \"rate(1 hour)\"", "schedule = \"rate(7 minutes)\"", StringComparison.Ordinal));
        var line = File.ReadAllLines(harness.Manifest).ToList().FindIndex(l => l.Contains("rate(7 minutes)", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0);
        var requests = _arm.Requests.Count;

        var result = await harness.DeployAsync();

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"hakiri.toml:{line}:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'schedule' in [pipelines.orders] cannot run on Azure: rate(7 minutes)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(requests, _arm.Requests.Count);
    }

    private string? Setting(DeployHarness harness, string app, string name) =>
        (string?)_arm.ResourceBody(harness.Group, "Microsoft.Web/sites", app)?["properties"]?["siteConfig"]?["appSettings"]?.AsArray()
            .FirstOrDefault(s => (string?)s?["name"] == name)?["value"];

    private int Writes() => _arm.Requests.Count(r => r.Method is "PUT" or "DELETE" || (r.Method == "POST" && !r.Path.Contains("/whatIf", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The value of an output in the "Outputs:" block.</summary>
    private static string Output(string stdout, string name) =>
        Regex.Match(stdout, $@"^  {name} +(\S+)\s*$", RegexOptions.Multiline) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no output {name} in:\n{stdout}");
}
