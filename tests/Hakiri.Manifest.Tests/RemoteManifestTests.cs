using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary><c>remote = "s3://bucket/prefix"</c> in [project]: the bucket hakiri sync shares the store through.</summary>
public sealed class RemoteManifestTests
{
    private const string Pipelines = "[pipelines.t.source]\nconnector = \"file\"\npath = \"x.csv\"\n";

    [Fact]
    public void ParseProject_S3Remote_IsTheBucketAndPrefix()
    {
        var result = ManifestLoaderTests.Parse($"[project]\nname = \"shop\"\nremote = \"s3://team-bucket/shop/\"\n{Pipelines}");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(new S3StoreLocation("team-bucket", "shop"), result.Value!.Remote);
    }

    [Fact]
    public void ParseProject_NoRemote_IsNull() =>
        Assert.Null(ManifestLoaderTests.Parse($"[project]\nname = \"shop\"\n{Pipelines}").Value!.Remote);

    [Theory]
    [InlineData("../shared-store", 3, 10, "remote '../shared-store' is not a bucket")]
    [InlineData("s3://Bad_Bucket/x", 3, 16, "'Bad_Bucket' is not a valid S3 bucket name")]
    public void ParseProject_BadRemote_IsOneLocatedError(string remote, int line, int column, string message)
    {
        var result = ManifestLoaderTests.Parse($"[project]\nname = \"shop\"\nremote = \"{remote}\"\n{Pipelines}");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }
}
