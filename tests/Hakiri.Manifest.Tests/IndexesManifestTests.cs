using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary>A pipeline's <c>indexes</c> and <c>agent_description</c>: every form binds, every bad value is a located error.</summary>
public sealed class IndexesManifestTests
{
    private const string Head = "[project]\nname = \"p\"\n[pipelines.t]\n";
    private const string Source = "[pipelines.t.source]\nconnector = \"file\"\npath = \"data/*.csv\"\n";

    [Fact]
    public void ParseProject_FtsList_IndexesColumnsWithTheEnglishAnalyzer()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.indexes]\nfts = [\"title\", \"body\"]\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var indexes = result.Value!.FindPipeline("t")!.Indexes;
        Assert.Equal(["title", "body"], indexes.FullText);
        Assert.Equal(TextAnalyzer.English, indexes.Analyzer);
    }

    [Fact]
    public void ParseProject_FtsTableWithSimpleAnalyzer_Binds()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.indexes]\nfts = { columns = [\"body\"], analyzer = \"simple\" }\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var indexes = result.Value!.FindPipeline("t")!.Indexes;
        Assert.Equal(["body"], indexes.FullText);
        Assert.Equal(TextAnalyzer.Simple, indexes.Analyzer);
    }

    [Theory]
    [InlineData("all-MiniLM-L6-v2", "all-MiniLM-L6-v2")]
    [InlineData("sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2")]
    [InlineData("openai-compatible:http://127.0.0.1:8080/v1#bge-small", "openai-compatible:http://127.0.0.1:8080/v1#bge-small")]
    public void ParseProject_VectorWithModel_EmbedsTheTextColumn(string model, string canonical)
    {
        var result = ManifestLoaderTests.Parse(Head + Source + $"[pipelines.t.indexes]\nvector = {{ column = \"body\", model = \"{model}\" }}\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var vector = result.Value!.FindPipeline("t")!.Indexes.Vector!;
        Assert.Equal("body", vector.Column);
        Assert.Equal(canonical, vector.Model);
        Assert.Equal(0, vector.Dimensions);
        Assert.Equal(VectorMetric.Cosine, vector.Metric);
    }

    [Fact]
    public void ParseProject_VectorWithDimensions_IndexesStoredEmbeddings()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.indexes]\nvector = { column = \"embedding\", dimensions = 8, metric = \"l2\" }\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(new VectorIndexManifest("embedding", 8, VectorMetric.L2), result.Value!.FindPipeline("t")!.Indexes.Vector);
    }

    [Theory]
    [InlineData("both", "vector = { column = \"b\", model = \"all-MiniLM-L6-v2\", dimensions = 384 }", 8, 34, "has both model and dimensions")]
    [InlineData("neither", "vector = { column = \"b\" }", 8, 21, "says neither how to embed it")]
    [InlineData("unknown model", "vector = { column = \"b\", model = \"gpt-embed\" }", 8, 34, "model = \"all-MiniLM-L6-v2\"")]
    [InlineData("bad analyzer", "fts = { columns = [\"b\"], analyzer = \"french\" }", 8, 37, "english")]
    [InlineData("empty fts", "fts = []", 8, 7, "at least 1")]
    [InlineData("fts without columns", "fts = { analyzer = \"simple\" }", 8, 7, "columns")]
    public void ParseProject_BadIndexes_ReportsLocatedError(string name, string line, int row, int column, string expected)
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.indexes]\n" + line + "\n");

        Assert.False(result.Succeeded, name);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.True((row, column) == (first.Line, first.Column), $"{name}: expected {row}:{column}, got {first}");
        Assert.Contains(expected, first.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_AgentDescription_BindsTextExamplesAndColumns()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + """
            [pipelines.t.agent_description]
            text = "  Tickets customers opened.  "
            examples = ["SELECT * FROM t WHERE status = 'open' -- open ones", ""]
            columns = { body = "The first message, verbatim." }
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var description = result.Value!.FindPipeline("t")!.AgentDescription;
        Assert.Equal("Tickets customers opened.", description.Text);
        Assert.Equal(["SELECT * FROM t WHERE status = 'open' -- open ones"], description.Examples);
        Assert.Equal("The first message, verbatim.", description.Columns["BODY"]);
    }

    [Fact]
    public void ParseProject_AgentDescriptionUnknownKey_ReportsLocatedError()
    {
        var result = ManifestLoaderTests.Parse(Head + Source + "[pipelines.t.agent_description]\ntxt = \"x\"\n");

        Assert.False(result.Succeeded);
        var first = result.Diagnostics.First(d => d.IsError);
        Assert.Equal((8, 1), (first.Line, first.Column));
    }
}
