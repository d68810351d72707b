using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary>A pipeline's <c>redact</c> key: both forms bind, and every bad value is a located error.</summary>
public sealed class RedactManifestTests
{
    private const string Head = "[project]\nname = \"p\"\n[pipelines.t]\nprimary_key = [\"id\"]\n";
    private const string Source = "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n";

    [Fact]
    public void ParseProject_RedactList_DropsColumns()
    {
        var result = ManifestLoaderTests.Parse(Head + "redact = [\"email\", \"phone\"]\n" + Source);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var redaction = result.Value!.FindPipeline("t")!.Redaction;
        Assert.Equal(["email", "phone"], redaction.Columns);
        Assert.Equal(RedactionMode.Drop, redaction.Mode);
    }

    [Fact]
    public void ParseProject_RedactTableWithHash_HashesColumnsIncludingTheKey()
    {
        var result = ManifestLoaderTests.Parse(Head + "redact = { columns = [\"id\", \"email\"], mode = \"hash\" }\n" + Source);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var redaction = result.Value!.FindPipeline("t")!.Redaction;
        Assert.Equal(["id", "email"], redaction.Columns);
        Assert.Equal(RedactionMode.Hash, redaction.Mode);
    }

    [Fact]
    public void ParseProject_NoRedact_RedactsNothing()
    {
        var result = ManifestLoaderTests.Parse(Head + Source);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.False(result.Value!.FindPipeline("t")!.Redaction.Any);
    }

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        { "empty name", "redact = [\"\"]\n", 5, 11, "item 1 of 'redact' in [pipelines.t] is not valid: ''" },
        { "duplicate", "redact = [\"email\", \"email\"]\n", 5, 20, "'email' appears more than once in 'redact' in [pipelines.t]" },
        { "duplicate in other case", "redact = [\"email\", \"Email\"]\n", 5, 20, "names 'Email' twice (column names are case-insensitive)" },
        { "unknown mode", "redact = { columns = [\"email\"], mode = \"mask\" }\n", 5, 40, "'mode' in [pipelines.t.redact] must be one of drop, hash, not 'mask'" },
        { "no columns", "redact = { mode = \"hash\" }\n", 5, 10, "[pipelines.t.redact] has no 'columns'" },
        { "empty list", "redact = []\n", 5, 10, "must list at least 1 item" },
        { "wrong type", "redact = \"email\"\n", 5, 10, "'redact' in [pipelines.t] must be an array of strings or a table, not a string — write it as redact = [\"email\", \"phone\"]" },
        { "dropped primary key", "redact = [\"id\"]\n", 5, 11, "drops 'id', a primary_key column: a table cannot lose its key — use redact = { columns = [\"id\"], mode = \"hash\" }" },
        { "provenance column", "redact = { columns = [\"_hakiri_source\"], mode = \"hash\" }\n", 5, 23, "names '_hakiri_source', a provenance column Hakiri writes itself; it cannot be redacted" },
        { "dropped indexed column", "redact = [\"body\"]\n" + Source + "[pipelines.t.indexes]\nfts = [\"body\"]\n", 5, 11, "drops 'body', which [pipelines.t.indexes] indexes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseProject_BadRedact_ReportsLocatedError(string name, string line5, int line, int column, string fragment)
    {
        var toml = Head + line5 + (line5.Contains("[pipelines.t.source]", StringComparison.Ordinal) ? string.Empty : Source);

        var result = ManifestLoaderTests.Parse(toml);

        Assert.False(result.Succeeded, name);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.True((line, column) == (first.Line, first.Column), $"{name}: expected {line}:{column}, got {first}");
        Assert.Contains(fragment, first.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("hakiri.toml:", first.ToString(), StringComparison.Ordinal);
    }
}
