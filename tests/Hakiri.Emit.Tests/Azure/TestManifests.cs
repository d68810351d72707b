using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>Manifests the Azure tests emit from, written to disk so diagnostics can point into them.</summary>
internal static class TestManifests
{
    public const string Scheduled = """
        [project]
        name = "Shop-Analytics"
        store = "azblob://contexts/shop/prod"

        [pipelines.orders]
        schedule = "rate(15 minutes)"
        [pipelines.orders.source]
        connector = "file"
        path = "data/*.csv"
        format = "csv"

        [pipelines.refunds]
        [pipelines.refunds.source]
        connector = "file"
        path = "data/*.csv"
        format = "csv"

        [pipelines.customers]
        schedule = "cron(30 6 ? * MON-FRI *)"
        [pipelines.customers.source]
        connector = "file"
        path = "data/*.csv"
        format = "csv"

        [pipelines.products]
        schedule = "rate(1 day)"
        [pipelines.products.source]
        connector = "file"
        path = "data/*.csv"
        format = "csv"

        """;

    /// <summary>Writes <paramref name="text"/> as <c>hakiri.toml</c> in <paramref name="dir"/> and loads it.</summary>
    public static ProjectManifest Load(TempDirectory dir, string text)
    {
        var path = dir.Write("hakiri.toml", text);
        var loaded = ManifestLoader.LoadProject(path);
        Assert.True(loaded.Value is not null, string.Join("\n", loaded.Diagnostics));
        return loaded.Value;
    }

    /// <summary>A manifest with <paramref name="schedules"/>.Length pipelines, each on the given schedule.</summary>
    public static string WithSchedules(params string[] schedules) =>
        "[project]\nname = \"many\"\n" + string.Concat(schedules.Select((s, i) =>
            $"\n[pipelines.p{i + 1}]\nschedule = \"{s}\"\n[pipelines.p{i + 1}.source]\nconnector = \"file\"\npath = \"data/*.csv\"\nformat = \"csv\"\n"));
}
