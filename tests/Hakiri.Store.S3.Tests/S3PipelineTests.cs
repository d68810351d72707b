using Hakiri.Steps;
using Hakiri.Steps.Hosting;
using Hakiri.Runner;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.S3.Tests;

/// <summary>Pipelines landing into an S3 store on moto_server.</summary>
[Collection("moto")]
public sealed class S3PipelineTests(MotoFixture moto)
{
    [Fact]
    public async Task TwoConcurrentRuns_OnOneS3Store_LoseNoCommitAndDuplicateNoRow()
    {
        using var project = Samples.CopyQuickstart($"s3://{await moto.NewBucketAsync()}/stores/quickstart");
        var manifest = Load(project);
        var s3 = (Model.Manifests.S3StoreLocation)manifest.Store;

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => RunAsync(manifest, s3)));

        Assert.Equal(2, runs.Length);
        var tables = await ReadCatalogAsync(s3);
        Assert.Equal(9, tables["orders"].RowCount);
        Assert.Equal(4, tables["customers"].RowCount);
        Assert.Equal(8, tables["products"].RowCount);
    }

    private async Task<RunSummary> RunAsync(Model.Manifests.ProjectManifest manifest, Model.Manifests.S3StoreLocation s3)
    {
        using var cache = new TempDirectory();
        var mirror = new StoreMirror(new S3ObjectStore(moto.Client, s3.Bucket, s3.Prefix), new StoreLayout(cache.Path));
        var context = new StepContext(manifest, mirror.Local);
        return await new PipelineRunner(manifest, new MirroredStepHost(context, mirror), new MirroredRunLedger(mirror, context.Clock)).RunAsync([]);
    }

    private async Task<Dictionary<string, TableRecord>> ReadCatalogAsync(Model.Manifests.S3StoreLocation s3)
    {
        using var cache = new TempDirectory();
        var layout = new StoreLayout(cache.Path);
        await new S3ObjectStore(moto.Client, s3.Bucket, s3.Prefix).DownloadAsync(StoreLayout.CatalogFileName, layout.CatalogPath);
        using var catalog = CatalogDatabase.Open(layout);
        return catalog.ListTables().ToDictionary(t => t.Name);
    }

    private static Model.Manifests.ProjectManifest Load(TempDirectory project) =>
        Manifest.ManifestLoader.LoadProject(project.Combine("hakiri.toml")).Value!;

}
