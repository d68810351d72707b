using Hakiri.Access.Zones;
using Hakiri.Manifest.Schema;
using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary>Inference zones in the manifest: a pipeline's <c>inference_zone_allowed</c> and its <c>columns</c> table.</summary>
public sealed class ZoneManifestTests
{
    private const string Head = "[project]\nname = \"p\"\n[pipelines.t]\nprimary_key = [\"id\"]\n";
    private const string Source = "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n";

    [Fact]
    public void ParseProject_TableAndColumnZones_Bind()
    {
        var toml = Head + "inference_zone_allowed = [\"local:device\", \"on-prem:*\"]\n" + Source
            + "[pipelines.t.columns.notes]\ninference_zone_allowed = [\"on-prem:clinic\"]\n"
            + "[pipelines.t.columns.email]\ntags = [\"pii\"]\n";

        var result = ManifestLoaderTests.Parse(toml);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var pipeline = result.Value!.FindPipeline("t")!;
        Assert.Equal(["local:device", "on-prem:*"], pipeline.InferenceZoneAllowed);
        Assert.Equal(["on-prem:clinic"], pipeline.Columns["NOTES"].ZonesAllowed);
        Assert.Equal(["pii"], pipeline.Columns["email"].Tags);
        Assert.Null(pipeline.Columns["email"].ZonesAllowed);
    }

    [Fact]
    public void ParseProject_PhiColumnWithoutList_NarrowsToDeviceAndOnPrem()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.columns.diagnosis]\ntags = [\"phi\"]\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(["local:device", "on-prem:*"], result.Value!.FindPipeline("t")!.Columns["diagnosis"].ZonesAllowed);
    }

    [Fact]
    public void ParseProject_PhiColumnWithItsOwnList_KeepsItsList()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.columns.diagnosis]\ntags = [\"phi\"]\ninference_zone_allowed = [\"on-prem:clinic\"]\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(["on-prem:clinic"], result.Value!.FindPipeline("t")!.Columns["diagnosis"].ZonesAllowed);
    }

    [Fact]
    public void ParseProject_NoZones_NoPolicy()
    {
        var result = ManifestLoaderTests.Parse(Head + Source);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Null(result.Value!.FindPipeline("t")!.InferenceZoneAllowed);
        Assert.Empty(result.Value!.FindPipeline("t")!.Columns);
    }

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "unknown kind", "inference_zone_allowed = [\"cloud:openai\"]\n", 5, 27, "item 1 of 'inference_zone_allowed' in [pipelines.t] is not valid: 'cloud:openai' — write local:device, on-prem:<name>" },
        { "no name", "inference_zone_allowed = [\"local:device\", \"on-prem\"]\n", 5, 43, "is not valid: 'on-prem'" },
        { "upper case", "inference_zone_allowed = [\"public-cloud:OpenAI\"]\n", 5, 27, "is not valid: 'public-cloud:OpenAI'" },
        { "empty list", "inference_zone_allowed = []\n", 5, 26, "must list at least 1 item" },
        { "not a list", "inference_zone_allowed = \"on-prem:*\"\n", 5, 26, "must be an array of strings" },
        { "column zone", Source + "[pipelines.t.columns.notes]\ninference_zone_allowed = [\"on-prem:*\", \"public-cloud:open_ai\"]\n", 9, 40, "item 2 of 'inference_zone_allowed' in [pipelines.t.columns.notes] is not valid: 'public-cloud:open_ai'" },
        { "bad tag", Source + "[pipelines.t.columns.notes]\ntags = [\"PHI\"]\n", 9, 9, "item 1 of 'tags' in [pipelines.t.columns.notes] is not valid: 'PHI'" },
        { "unknown column key", Source + "[pipelines.t.columns.notes]\nzones = [\"on-prem:*\"]\n", 9, 1, "zones" },
        { "provenance column", Source + "[pipelines.t.columns._hakiri_source]\ntags = [\"phi\"]\n", 8, 22, "names '_hakiri_source', a provenance column Hakiri writes itself" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseProject_BadZones_ReportsLocatedError(string name, string line5, int line, int column, string fragment)
    {
        var toml = Head + line5 + (line5.Contains("[pipelines.t.source]", StringComparison.Ordinal) ? string.Empty : Source);

        var result = ManifestLoaderTests.Parse(toml);

        Assert.False(result.Succeeded, name);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.True((line, column) == (first.Line, first.Column), $"{name}: expected {line}:{column}, got {first}");
        Assert.Contains(fragment, first.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("hakiri.toml:", first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneEntryPattern_SameGrammarAsAccess() => Assert.Equal(InferenceZones.EntryPattern, Names.ZoneEntryPattern);

    [Fact]
    public void PhiZones_AreValidEntries() => Assert.All(ColumnManifest.PhiZones, zone => Assert.Null(InferenceZones.EntryProblem(zone)));
}
