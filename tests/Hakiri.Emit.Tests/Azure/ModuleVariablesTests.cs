using System.Text.Json.Nodes;
using Hakiri.Emit.Azure;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>What the module's expressions evaluate to for real parameter values (Bicep console), not only that they compile.</summary>
public sealed class ModuleVariablesTests
{
    [Fact]
    public async Task ScheduleSettings_ThreeSchedules_FillTheFirstSlotsAndDisableTheRest()
    {
        using var dir = new TempDirectory();
        var emitted = AzureTemplate.Emit(TestManifests.Load(dir, TestManifests.Scheduled), "prod");

        var values = await ModuleVariables.EvaluateAsync(Parameters(emitted.ParametersJson!), "scheduleSettings", "storeUri");

        var settings = values["scheduleSettings"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
        Assert.Equal(24, settings.Count);
        Assert.Equal(("0 */15 * * * *", "orders", "false"), (settings["HAKIRI_SCHEDULE_1"], settings["HAKIRI_SCHEDULE_1_PIPELINE"], settings["AzureWebJobs.Schedule1.Disabled"]));
        Assert.Equal(("0 30 6 * * 1-5", "customers", "false"), (settings["HAKIRI_SCHEDULE_2"], settings["HAKIRI_SCHEDULE_2_PIPELINE"], settings["AzureWebJobs.Schedule2.Disabled"]));
        Assert.Equal(("0 0 0 * * *", "products", "false"), (settings["HAKIRI_SCHEDULE_3"], settings["HAKIRI_SCHEDULE_3_PIPELINE"], settings["AzureWebJobs.Schedule3.Disabled"]));
        for (var n = 4; n <= 8; n++)
        {
            Assert.Equal(("0 0 0 1 1 *", string.Empty, "true"), (settings[$"HAKIRI_SCHEDULE_{n}"], settings[$"HAKIRI_SCHEDULE_{n}_PIPELINE"], settings[$"AzureWebJobs.Schedule{n}.Disabled"]));
        }

        Assert.Equal("azblob://contexts/shop/prod", (string)values["storeUri"]!);
    }

    [Theory]
    [InlineData("a", "d")]
    [InlineData("Quickstart", "dev")]
    [InlineData("A-very-long-project-name-with-many-hyphens-that-fills-64-chars-x", "stage-sixteen-ch")]
    public async Task Names_AnyProjectAndStage_FitAzuresLimits(string project, string stage)
    {
        Assert.Equal(64, "A-very-long-project-name-with-many-hyphens-that-fills-64-chars-x".Length);
        var parameters = new AzureParameters(project, stage, "store", project, []);

        var values = await ModuleVariables.EvaluateAsync(Parameters(ParametersWriter.Write(parameters)), "storeAccountName", "runtimeAccountName", "functionAppName", "storeUri");

        var store = (string)values["storeAccountName"]!;
        var runtime = (string)values["runtimeAccountName"]!;
        Assert.Matches("^[a-z0-9]{3,24}$", store);
        Assert.Matches("^[a-z0-9]{3,24}$", runtime);
        Assert.NotEqual(store, runtime);
        Assert.Matches("^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$", (string)values["functionAppName"]!);
        Assert.Equal($"azblob://store/{project}", (string)values["storeUri"]!);
    }

    [Fact]
    public async Task StoreUri_EmptyPrefix_IsTheContainerAlone()
    {
        var values = await ModuleVariables.EvaluateAsync(Parameters(ParametersWriter.Write(new AzureParameters("p", "dev", "data", string.Empty, []))), "storeUri", "scheduleSettings");

        Assert.Equal("azblob://data", (string)values["storeUri"]!);
        Assert.All(values["scheduleSettings"]!.AsArray().Where(s => ((string)s!["name"]!).EndsWith(".Disabled", StringComparison.Ordinal)), s => Assert.Equal("true", (string)s!["value"]!));
    }

    private static JsonObject Parameters(string parametersJson) => JsonNode.Parse(parametersJson)!["parameters"]!.AsObject();
}
