using Hakiri.Store.Catalog;

namespace Hakiri.Store;

/// <summary>
/// Recovers a local store after an interrupted run: marks the run failed, removes data files the catalog does not
/// reference (written but never committed, or replaced but not yet deleted) and every staging area.
/// Call only while holding the <see cref="StoreLock"/>.
/// </summary>
public static class StoreJanitor
{
    /// <summary>What recovery found.</summary>
    /// <param name="InterruptedRuns">Runs that had been left running.</param>
    /// <param name="OrphanFiles">Unreferenced data files removed.</param>
    public sealed record Report(IReadOnlyList<string> InterruptedRuns, int OrphanFiles);

    /// <summary>Recovers the store.</summary>
    public static Report Recover(StoreLayout layout, CatalogDatabase catalog)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(catalog);
        var interrupted = catalog.AbandonInterruptedRuns();
        var live = catalog.LiveFilePaths();
        var orphans = 0;
        var data = Path.Combine(layout.Root, "data");
        if (Directory.Exists(data))
        {
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).ToArray())
            {
                if (!live.Contains(layout.Relative(file)))
                {
                    File.Delete(file);
                    orphans++;
                }
            }

            foreach (var directory in Directory.EnumerateDirectories(data, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToArray())
            {
                if (!Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    Directory.Delete(directory);
                }
            }
        }

        foreach (var transient in new[] { "staging", "tmp" })
        {
            var path = Path.Combine(layout.Root, transient);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        return new Report(interrupted, orphans);
    }
}
