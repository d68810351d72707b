using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

public sealed class S3SourceManifestTests
{
    private const string Project = "[project]\nname = \"p\"\n\n";

    [Fact]
    public void ParseProject_PrefixSourceWithEveryKey_BindsEveryKey()
    {
        var pipeline = Bind("""
            [pipelines.events.source]
            connector = "s3"
            bucket = "acme-exports"
            prefix = "events/2026/"
            format = "ndjson"
            region = "eu-west-1"
            endpoint_url = "http://127.0.0.1:9000"
            on_error = "skip"
            """);

        Assert.Equal(new S3SourceManifest("acme-exports", "events/2026/", null, FileFormat.Ndjson, "eu-west-1", "http://127.0.0.1:9000", OnErrorPolicy.Skip), pipeline.Source);
        Assert.Equal("s3://acme-exports/events/2026/", ((S3SourceManifest)pipeline.Source).Url);
    }

    [Theory]
    [InlineData("events/**/*.ndjson", "events/", FileFormat.Ndjson)]
    [InlineData("exports/2026/*/orders-*.csv", "exports/2026/", FileFormat.Csv)]
    [InlineData("**/*.parquet", "", FileFormat.Parquet)]
    [InlineData("dumps/*.jsonl", "dumps/", FileFormat.Ndjson)]
    public void ParseProject_GlobSource_ListsItsLiteralStartAndInfersTheFormat(string glob, string prefix, FileFormat format)
    {
        var pipeline = Bind($"[pipelines.events.source]\nconnector = \"s3\"\nbucket = \"acme\"\nglob = \"{glob}\"\n");

        Assert.Equal(new S3SourceManifest("acme", prefix, glob, format, null, null), pipeline.Source);
    }

    [Theory]
    [InlineData("bucket = \"acme\"\nprefix = \"a/\"\nglob = \"a/*.csv\"\n", 8, 8, "sets both prefix and glob")]
    [InlineData("bucket = \"acme\"\nprefix = \"events/\"\n", 7, 10, "does not say the objects' format")]
    [InlineData("bucket = \"acme\"\nprefix = \"/events/\"\nformat = \"csv\"\n", 7, 10, "starts with /, which no S3 key does")]
    [InlineData("bucket = \"s3://acme\"\nformat = \"csv\"\n", 6, 10, "s3://acme")]
    [InlineData("bucket = \"acme\"\nglob = \"events/[a.csv\"\n", 7, 16, "is not a valid glob")]
    [InlineData("bucket = \"acme\"\nprefix = \"events/*\"\nformat = \"csv\"\n", 7, 10, "events/*")]
    public void ParseProject_BadS3Source_IsAnErrorAtTheKey(string keys, int line, int column, string message)
    {
        var result = ManifestLoaderTests.Parse(Project + "[pipelines.e.source]\nconnector = \"s3\"\n" + keys);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static PipelineManifest Bind(string pipelines)
    {
        var result = ManifestLoaderTests.Parse(Project + pipelines);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Value!.Pipelines);
    }
}
