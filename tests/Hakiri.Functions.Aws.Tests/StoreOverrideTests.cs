using Amazon.S3.Model;
using Hakiri.Functions.Aws.Runtime;
using Hakiri.LocalLambda;
using Hakiri.Model.Manifests;
using Hakiri.Store.S3;
using Hakiri.Testing;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>
/// <c>HAKIRI_STORE</c>, which the deployed stack sets to its bucket: it replaces the bundled manifest's store, so a
/// manifest written for a laptop (local store) lands into S3 once deployed.
/// </summary>
public sealed class StoreOverrideTests
{
    [Theory]
    [InlineData("s3://acme", "acme", "")]
    [InlineData("s3://acme/teams/shop", "acme", "teams/shop")]
    [InlineData("s3://acme/teams/shop/", "acme", "teams/shop")]
    public void S3Override_NamesBucketAndPrefix(string value, string bucket, string prefix) =>
        Assert.Equal(new S3StoreLocation(bucket, prefix), LambdaBootstrap.StoreOverride(value));

    [Fact]
    public void DirectoryOverride_IsALocalStore() =>
        Assert.Equal(new LocalStoreLocation(Path.GetFullPath("/tmp/store")), LambdaBootstrap.StoreOverride("/tmp/store"));

    [Fact]
    public void AzureBlobOverride_IsParsedAndRefusedWithASentence()
    {
        using var project = Samples.CopyQuickstart();
        var manifest = Hakiri.Manifest.ManifestLoader.LoadProject(project.Combine("hakiri.toml")).Value!;
        var settings = new EnvironmentSettings("127.0.0.1:9", "discover", project.Combine("hakiri.toml"), "azblob://store/shop");

        Assert.Equal(new AzureBlobStoreLocation("store", "shop"), LambdaBootstrap.StoreOverride("azblob://store/shop"));
        var error = Assert.Throws<Hakiri.Steps.Errors.StepFailedException>(() => LambdaBootstrap.OpenStore(settings, manifest));
        Assert.Equal(Hakiri.Model.Steps.StepErrors.BadInput, error.ErrorName);
        Assert.StartsWith("The store azblob://store/shop is not one a Lambda function opens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3Override_LandsALocalStoreManifestIntoTheBucket()
    {
        using var moto = new MotoServer();
        using var s3 = S3ObjectStore.CreateClient(moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
        await s3.PutBucketAsync("deployed-store");
        using var project = Samples.CopyQuickstart();
        var environment = new Dictionary<string, string>(moto.Environment, StringComparer.Ordinal) { ["HAKIRI_STORE"] = "s3://deployed-store/shop" };
        var timeout = TimeSpan.FromSeconds(60);

        await using (var discover = LocalLambdaFunction.Start(Bootstrap.For("discover", project.Combine("hakiri.toml"), environment)))
        await using (var pull = LocalLambdaFunction.Start(Bootstrap.For("pull-batch", project.Combine("hakiri.toml"), environment)))
        await using (var write = LocalLambdaFunction.Start(Bootstrap.For("write", project.Combine("hakiri.toml"), environment)))
        {
            await discover.InvokeAsync("""{"run_id":"r1","pipelines":["customers"]}""", timeout);
            await pull.InvokeAsync("""{"run_id":"r1","pipeline":"customers","table":"customers","cursor":null}""", timeout);
            var written = await write.InvokeAsync("""{"run_id":"r1","pipeline":"customers","table":"customers"}""", timeout);
            Assert.Contains("\"row_count\":4", written, StringComparison.Ordinal);
        }

        var keys = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "deployed-store" })).S3Objects.Select(o => o.Key).ToList();
        Assert.Contains("shop/catalog.sqlite", keys);
        Assert.Contains(keys, k => k.StartsWith("shop/data/customers/", StringComparison.Ordinal) && k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.False(Directory.Exists(project.Combine(".hakiri")), "the manifest's local store must stay untouched");
    }
}
