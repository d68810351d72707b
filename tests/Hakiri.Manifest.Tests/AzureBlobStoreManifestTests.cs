using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary><c>store = "azblob://container/prefix"</c> in [project], and the one parse of a store that overrides name.</summary>
public sealed class AzureBlobStoreManifestTests
{
    [Theory]
    [InlineData("azblob://store", "store", "")]
    [InlineData("azblob://hakiri-store/teams/shop/", "hakiri-store", "teams/shop")]
    [InlineData("azblob://abc/x", "abc", "x")]
    public void ParseProject_AzureBlobStore_NamesContainerAndPrefix(string store, string container, string prefix)
    {
        var result = ManifestLoaderTests.Parse($"[project]\nname = \"shop\"\nstore = \"{store}\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"x.csv\"\n");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(new AzureBlobStoreLocation(container, prefix), result.Value!.Store);
    }

    [Fact]
    public void ParseProject_BadContainerName_IsOneErrorAtTheContainer()
    {
        var result = ManifestLoaderTests.Parse("[project]\nname = \"shop\"\nstore = \"azblob://My_Store/shop\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"x.csv\"\n");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((3, 19), (error.Line, error.Column));
        Assert.Contains("'My_Store' is not a valid Azure Blob container name", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("hakiri.toml:3:19", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://acme/teams/shop/")]
    [InlineData("azblob://store/teams/shop")]
    public void StoreLocationFromString_Uri_RoundTripsThroughDisplay(string value)
    {
        var location = StoreLocation.FromString(value);

        Assert.Equal(value.TrimEnd('/'), location.Display);
    }

    [Fact]
    public void StoreLocationFromString_AzureBlob_IsABlobLocation() =>
        Assert.Equal(new AzureBlobStoreLocation("store", "shop"), StoreLocation.FromString("azblob://store/shop"));

    [Fact]
    public void StoreLocationFromString_Directory_IsAnAbsoluteLocalStore() =>
        Assert.Equal(new LocalStoreLocation(Path.GetFullPath("relative/store")), StoreLocation.FromString("relative/store"));
}
