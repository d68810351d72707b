using Hakiri.Emit.Azure;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

public sealed class AzureTemplateTests
{
    [Fact]
    public void Emit_Quickstart_MatchesGoldenParameters()
    {
        var emitted = AzureTemplate.Emit(Manifest.Load.Quickstart(), "dev");

        Assert.Empty(emitted.Diagnostics);
        Golden.Check("azure/quickstart.parameters.json", emitted.ParametersJson!);
    }

    [Fact]
    public void Emit_ScheduledBlobStoreManifest_MatchesGoldenParameters()
    {
        using var dir = new TempDirectory();
        var emitted = AzureTemplate.Emit(TestManifests.Load(dir, TestManifests.Scheduled), "prod");

        Assert.Empty(emitted.Diagnostics);
        Golden.Check("azure/scheduled.parameters.json", emitted.ParametersJson!);
    }

    [Fact]
    public void Emit_BlobStore_DeploysToItsContainerAndPrefix()
    {
        using var dir = new TempDirectory();
        var parameters = AzureTemplate.Emit(TestManifests.Load(dir, TestManifests.Scheduled), "prod").Parameters!;

        Assert.Equal(("contexts", "shop/prod"), (parameters.StoreContainer, parameters.StorePrefix));
        Assert.Equal("azblob://contexts/shop/prod", parameters.StoreUri);
        Assert.Equal(["orders", "customers", "products"], parameters.Schedules.Select(s => s.Pipeline));
    }

    [Fact]
    public void Emit_LocalStore_DeploysToTheDefaultContainerUnderTheProjectName()
    {
        var parameters = AzureTemplate.Emit(Manifest.Load.Quickstart()).Parameters!;

        Assert.Equal(AzureParameters.DefaultContainer, parameters.StoreContainer);
        Assert.Equal("quickstart", parameters.StorePrefix);
        Assert.Equal("dev", parameters.Stage);
    }

    [Fact]
    public void Emit_ScheduleWithoutNcrontabEquivalent_IsAnErrorAtTheScheduleKey()
    {
        using var dir = new TempDirectory();
        var manifest = TestManifests.Load(dir, TestManifests.WithSchedules("rate(1 hour)", "rate(7 minutes)"));

        var emitted = AzureTemplate.Emit(manifest, "dev", "shop/hakiri.toml");

        Assert.False(emitted.Succeeded);
        Assert.Null(emitted.ParametersJson);
        var error = Assert.Single(emitted.Diagnostics);
        Assert.StartsWith("shop/hakiri.toml:12:1: error: 'schedule' in [pipelines.p2] cannot run on Azure: rate(7 minutes) has no NCRONTAB equivalent", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("— use a rate that divides its unit", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_NineScheduledPipelines_IsAnErrorAtTheNinthSchedule()
    {
        using var dir = new TempDirectory();
        var manifest = TestManifests.Load(dir, TestManifests.WithSchedules(Enumerable.Repeat("rate(1 hour)", 9).ToArray()));

        var emitted = AzureTemplate.Emit(manifest);

        var error = Assert.Single(emitted.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal((manifest.ManifestPath, 3 + (8 * 7) + 2, 1), (error.File, error.Line, error.Column));
        Assert.Contains("[pipelines.p9] is scheduled pipeline number 9 of 9, but the Azure function app has 8 timer slots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_EightScheduledPipelines_FillsEverySlot()
    {
        using var dir = new TempDirectory();
        var manifest = TestManifests.Load(dir, TestManifests.WithSchedules(Enumerable.Repeat("rate(1 hour)", 8).ToArray()));

        Assert.Equal(8, AzureTemplate.Emit(manifest).Parameters!.Schedules.Count);
    }

    [Theory]
    [InlineData("Dev")]
    [InlineData("")]
    [InlineData("-dev")]
    [InlineData("a-stage-name-too-long")]
    [InlineData("dev_1")]
    public void Emit_StageUnfitForResourceNames_IsAnError(string stage)
    {
        var emitted = AzureTemplate.Emit(Manifest.Load.Quickstart(), stage);

        var error = Assert.Single(emitted.Diagnostics);
        Assert.Equal("--stage", error.File);
        Assert.Contains($"the stage '{stage}'", error.Message, StringComparison.Ordinal);
        Assert.Null(emitted.ParametersJson);
    }

    [Fact]
    public void Emit_CarriesTheCheckedInModuleAndItsCompiledForm()
    {
        var emitted = AzureTemplate.Emit(Manifest.Load.Quickstart());

        Assert.Equal(File.ReadAllText(RepoPaths.Of("infra", "azure", "main.bicep")), emitted.Bicep);
        Assert.Equal(File.ReadAllText(RepoPaths.Of("infra", "azure", "main.json")), emitted.ArmJson);
        Assert.Equal(EmittedTemplate.FileNames, emitted.Files().Select(f => f.Name));
    }
}
