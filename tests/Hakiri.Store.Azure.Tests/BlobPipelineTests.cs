using Hakiri.Model.Manifests;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Steps.Hosting;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

/// <summary>Pipelines landing into a Blob store on Azurite through the mirrored step host.</summary>
[Collection("azurite")]
public sealed class BlobPipelineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TwoConcurrentRuns_OnOneBlobStore_LoseNoCommitAndDuplicateNoRow()
    {
        var container = await azurite.NewContainerAsync();
        using var project = Samples.CopyQuickstart($"azblob://{container.Name}/stores/quickstart");
        var manifest = Manifest.ManifestLoader.LoadProject(project.Combine("hakiri.toml")).Value!;
        var blob = (AzureBlobStoreLocation)manifest.Store;

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => RunAsync(manifest, blob)));

        Assert.Equal(2, runs.Length);
        var tables = await ReadCatalogAsync(blob);
        Assert.Equal(9, tables["orders"].RowCount);
        Assert.Equal(4, tables["customers"].RowCount);
        Assert.Equal(8, tables["products"].RowCount);
    }

    private BlobObjectStore Open(AzureBlobStoreLocation blob) =>
        new(BlobClients.Container(blob.Container, azurite.Server.Environment.GetValueOrDefault), blob.Prefix);

    private async Task<RunSummary> RunAsync(ProjectManifest manifest, AzureBlobStoreLocation blob)
    {
        using var cache = new TempDirectory();
        var mirror = new StoreMirror(Open(blob), new StoreLayout(cache.Path));
        var context = new StepContext(manifest, mirror.Local);
        return await new PipelineRunner(manifest, new MirroredStepHost(context, mirror), new MirroredRunLedger(mirror, context.Clock)).RunAsync([]);
    }

    private async Task<Dictionary<string, TableRecord>> ReadCatalogAsync(AzureBlobStoreLocation blob)
    {
        using var cache = new TempDirectory();
        var layout = new StoreLayout(cache.Path);
        await Open(blob).DownloadAsync(StoreLayout.CatalogFileName, layout.CatalogPath);
        using var catalog = CatalogDatabase.Open(layout);
        return catalog.ListTables().ToDictionary(t => t.Name);
    }
}
