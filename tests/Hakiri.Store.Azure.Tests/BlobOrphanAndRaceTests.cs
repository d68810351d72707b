using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;
using Hakiri.Testing;

namespace Hakiri.Store.Azure.Tests;

/// <summary>Orphan collection and two mirrored writers committing one catalog in a Blob container.</summary>
[Collection("azurite")]
public sealed class BlobOrphanAndRaceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OrphanCollector_OnBlobStore_DeletesOnlyOldUnreferencedFiles()
    {
        var store = await azurite.StoreAsync("orphans");
        using var dir = new TempDirectory();
        foreach (var name in new[] { "kept", "orphan" })
        {
            await store.UploadAsync($"data/t/{name}.parquet", dir.Write(name, name), PutCondition.None);
        }

        await store.UploadAsync("data/u/other.parquet", dir.Write("other", "other"), PutCondition.None);
        var referenced = new HashSet<string>(["data/t/kept.parquet"], StringComparer.Ordinal);

        var young = await OrphanCollector.CollectAsync(store, "data/t/", referenced, DateTimeOffset.UtcNow.AddMinutes(-10));
        var old = await OrphanCollector.CollectAsync(store, "data/t/", referenced, DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.Empty(young);
        Assert.Equal(["data/t/orphan.parquet"], old);
        Assert.Equal(["data/t/kept.parquet", "data/u/other.parquet"], (await store.ListAsync("data/")).Select(o => o.Key));
    }

    [Fact]
    public async Task PushAsync_TwoMirrorsRacing_ExactlyOneCommitsAndTheLoserRedoes()
    {
        var container = await azurite.NewContainerAsync();
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var mirrors = new[] { new StoreMirror(new BlobObjectStore(container, "shop"), new StoreLayout(a.Path)), new StoreMirror(new BlobObjectStore(container, "shop"), new StoreLayout(b.Path)) };
        foreach (var mirror in mirrors)
        {
            await mirror.PullCatalogAsync();
        }

        var pushes = await Task.WhenAll(mirrors.Select((m, i) => TryCommitAsync(m, $"writer{i}")));

        Assert.Single(pushes, won => won);
        var loser = mirrors[Array.IndexOf(pushes, false)];
        await loser.PullCatalogAsync();
        Assert.True(await TryCommitAsync(loser, "redo"));
        using var reader = new TempDirectory();
        var check = new StoreMirror(new BlobObjectStore(container, "shop"), new StoreLayout(reader.Path));
        await check.PullCatalogAsync();
        using var catalog = CatalogDatabase.Open(check.Local);
        var winner = Array.IndexOf(pushes, true);
        Assert.Equal(new[] { "redo", $"writer{winner}" }.Order(StringComparer.Ordinal), catalog.ListRuns().Select(r => r.RunId).Order(StringComparer.Ordinal));
    }

    // One writer's step: record a run in its copy of the catalog and push; false when the other writer won.
    private static async Task<bool> TryCommitAsync(StoreMirror mirror, string runId)
    {
        var before = mirror.Snapshot();
        using (var catalog = CatalogDatabase.Open(mirror.Local))
        {
            catalog.BeginRun(runId, "shop", ["orders"]);
        }

        try
        {
            await mirror.PushAsync(before);
            return true;
        }
        catch (PreconditionFailedException)
        {
            return false;
        }
    }
}
