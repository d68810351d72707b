namespace Hakiri.Manifest.Tests;

/// <summary>The <c>[memory]</c> section and the reserved <c>memory</c> table name.</summary>
public sealed class MemoryManifestTests
{
    private const string Head = "[project]\nname = \"p\"\n";

    [Theory]
    [InlineData("[pipelines.memory.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n", 3, 12, "add table = \"memory_data\"")]
    [InlineData("[pipelines.notes]\ntable = \"Memory\"\n[pipelines.notes.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n", 4, 9, "give the pipeline another table")]
    public void ParseProject_PipelineWritingMemory_ReportsLocatedError(string pipelines, int line, int column, string fragment)
    {
        var result = ManifestLoaderTests.Parse(Head + pipelines);

        Assert.False(result.Succeeded);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.True((line, column) == (first.Line, first.Column), $"expected {line}:{column}, got {first}");
        Assert.Contains("reserves for agent memory", first.ToString(), StringComparison.Ordinal);
        Assert.Contains(fragment, first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_MemoryModel_BindsCanonicalName()
    {
        var result = ManifestLoaderTests.Parse(Head + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n[memory]\nmodel = \"sentence-transformers/all-MiniLM-L6-v2\"\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("all-MiniLM-L6-v2", result.Value!.Memory!.Model);
    }

    [Fact]
    public void ParseProject_BadMemoryModel_ReportsLocatedError()
    {
        var result = ManifestLoaderTests.Parse(Head + "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n[memory]\nmodel = \"gpt-9\"\n");

        Assert.False(result.Succeeded);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.Equal((7, 9), (first.Line, first.Column));
    }
}
