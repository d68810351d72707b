using Hakiri.Functions.Azure.Hosting;
using Hakiri.Model.Manifests;

namespace Hakiri.Functions.Azure.Tests;

public sealed class AppSettingsTests
{
    [Fact]
    public void FromEnvironment_BicepSettings_ManifestBesideTheAppAndTheBlobStore()
    {
        var settings = AppSettings.FromEnvironment(Env(("HAKIRI_MANIFEST", "hakiri.toml"), ("HAKIRI_STORE", "azblob://store/shop")), "/home/site/wwwroot");

        Assert.Equal("/home/site/wwwroot/hakiri.toml", settings.ManifestPath);
        Assert.Equal(new AzureBlobStoreLocation("store", "shop"), settings.Store);
    }

    [Fact]
    public void FromEnvironment_NoStoreSetting_TheManifestsStoreIsUsed() =>
        Assert.Null(AppSettings.FromEnvironment(Env(), "/app").Store);

    [Fact]
    public void SchedulePipeline_SetAndUnusedSlots_NameOrNull()
    {
        var settings = AppSettings.FromEnvironment(Env(("HAKIRI_SCHEDULE_1_PIPELINE", "orders"), ("HAKIRI_SCHEDULE_2_PIPELINE", " ")), "/app");

        Assert.Equal("orders", settings.SchedulePipeline(1));
        Assert.Null(settings.SchedulePipeline(2));
        Assert.Null(settings.SchedulePipeline(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => settings.SchedulePipeline(9));
    }

    internal static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
