using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Manifest.Tests;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void LoadProject_Quickstart_BindsEveryPipeline()
    {
        var result = ManifestLoader.LoadProject(RepoPaths.Of("samples", "quickstart", "hakiri.toml"));

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var manifest = result.Value!;
        Assert.Equal("quickstart", manifest.Name);
        Assert.Equal(RepoPaths.Of("samples", "quickstart", ".hakiri"), ((LocalStoreLocation)manifest.Store).Directory);
        Assert.Equal(["orders", "customers", "products"], manifest.Pipelines.Select(p => p.Name));

        var orders = manifest.FindPipeline("orders")!;
        Assert.Equal("orders", orders.Table);
        Assert.Equal(["order_id"], orders.PrimaryKey);
        Assert.Equal(new RateSchedule(1, RateUnit.Hour), orders.Schedule);
        Assert.Equal(new FileSourceManifest("data/orders/*.csv", FileFormat.Csv), orders.Source);

        var products = manifest.FindPipeline("products")!;
        Assert.Null(products.Schedule);
        Assert.Equal(FileFormat.Json, ((FileSourceManifest)products.Source).Format);
        Assert.Equal(["name", "description"], products.Indexes.FullText);
    }

    [Fact]
    public void ParseProject_S3StoreAndExplicitTable_AreRead()
    {
        var result = Parse("""
            [project]
            name = "shop"
            store = "s3://my-bucket/stores/shop/"

            [pipelines.order-lines]
            table = "order_lines"
            [pipelines.order-lines.source]
            connector = "file"
            path = "lines/**/*.ndjson"
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(new S3StoreLocation("my-bucket", "stores/shop"), result.Value!.Store);
        var pipeline = Assert.Single(result.Value.Pipelines);
        Assert.Equal("order_lines", pipeline.Table);
        Assert.Equal(FileFormat.Ndjson, ((FileSourceManifest)pipeline.Source).Format);
        Assert.Empty(pipeline.PrimaryKey);
    }

    [Fact]
    public void ParseProject_VectorIndex_IsBoundWithDefaultMetric()
    {
        var result = Parse("""
            [project]
            name = "docs"
            [pipelines.pages.source]
            connector = "file"
            path = "pages.parquet"
            [pipelines.pages.indexes.vector]
            column = "embedding"
            dimensions = 384
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(new VectorIndexManifest("embedding", 384, VectorMetric.Cosine), result.Value!.Pipelines[0].Indexes.Vector);
    }

    [Fact]
    public void ParseProject_ManyProblems_ReportsEveryOneInFileOrder()
    {
        var result = Parse("""
            [project]
            nme = "x"

            [pipelines.a]
            schedule = "rate(5 minute)"
            [pipelines.a.source]
            connector = "file"
            path = "a/[b.csv"
            """);

        Assert.False(result.Succeeded);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        // 'nme' is reported once, with its correction, not also as a missing 'name'.
        Assert.Equal([(2, 1), (5, 20), (8, 11)], errors.Select(d => (d.Line, d.Column)));
    }

    [Fact]
    public void ParseProject_PathMatchesNothing_WarnsButSucceeds()
    {
        using var dir = new TempDirectory();
        dir.Write("missing/notes.txt", "not a csv");
        var path = dir.Write("hakiri.toml", """
            [project]
            name = "empty"
            [pipelines.t.source]
            connector = "file"
            path = "missing/*.csv"
            """);

        var result = ManifestLoader.LoadProject(path);

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Contains("no file matches 'missing/*.csv'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(ManifestCodes.NoMatch, warning.Code);
    }

    [Fact]
    public void ParseProject_PathDirectoryMissing_WarnsWithItsOwnCode()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("hakiri.toml", "[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"nowhere/*.csv\"\n");

        var result = ManifestLoader.LoadProject(path);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ManifestCodes.MissingDirectory, warning.Code);
        Assert.Equal((5, 8), (warning.Line, warning.Column));
        Assert.Contains("the directory 'nowhere' of path 'nowhere/*.csv' does not exist", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadProject_MissingFile_SaysHowToCreateOne()
    {
        using var dir = new TempDirectory();

        var result = ManifestLoader.LoadProject(dir.Combine("hakiri.toml"), "hakiri.toml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("hakiri.toml: error: cannot read the file: no such file — run 'hakiri init' to create one, or pass the manifest's path", error.ToString());
    }

    [Fact]
    public void LoadProject_InvalidUtf8_PointsAtTheByte()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("hakiri.toml");
        File.WriteAllBytes(path, [.. "[project]\nname = \"a"u8, 0xC3, 0x28, .. "\"\n"u8]);

        var result = ManifestLoader.LoadProject(path, "hakiri.toml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProject_WithoutDeploy_UsesAwsDefaults()
    {
        var result = Parse(MinimalProject);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(new AwsDeployment(null, 1024, 900, 30, McpUrlAuth.AwsIam), result.Value!.Aws);
    }

    [Fact]
    public void ParseProject_DeployAws_IsBound()
    {
        var result = Parse(MinimalProject + """

            [deploy.aws]
            region = "eu-west-3"
            memory_mb = 2048
            timeout_seconds = 300
            log_retention_days = 90
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new AwsDeployment("eu-west-3", 2048, 300, 90, McpUrlAuth.AwsIam), result.Value!.Aws);
    }

    [Fact]
    public void ParseProject_PublicMcpUrl_LoadsWithALocatedWarning()
    {
        var result = Parse(MinimalProject + "\n[deploy.aws]\nmcp_auth = \"none\"\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(McpUrlAuth.None, result.Value!.Aws.McpAuth);
        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Contains("public", warning.Message, StringComparison.Ordinal);
        Assert.Equal((8, 12), (warning.Line, warning.Column));
    }

    private const string MinimalProject = """
        [project]
        name = "p"

        [pipelines.t.source]
        connector = "file"
        path = "data/orders/*.csv"
        """;

    internal static Model.Diagnostics.LoadResult<ProjectManifest> Parse(string toml) =>
        ManifestLoader.ParseProject(toml, Path.Combine(RepoPaths.Of("samples", "quickstart"), "inline.toml"), "hakiri.toml");
}
