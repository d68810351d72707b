using System.Security.Cryptography;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Sync;

/// <summary>A local table as sync sees it: its catalog state, fingerprint, what was last synced, and its files' hashes.</summary>
internal sealed record LocalTable(TableSyncState State, string Fingerprint, SyncedTableRecord? Synced, IReadOnlyList<RemoteBlob> Blobs)
{
    public string Name => State.Table.Name;

    /// <summary>Whether a run committed to the table since this store last synced it.</summary>
    public bool ChangedSinceSync => Synced is null || Synced.LocalFingerprint != Fingerprint;
}

/// <summary>Reads every table of a local store with its files' SHA-256 (cached in the catalog: committed files never change).</summary>
internal static class LocalTables
{
    public static IReadOnlyList<LocalTable> Read(CatalogDatabase catalog, StoreLayout layout, string remote)
    {
        var synced = catalog.ListSyncedTables(remote);
        var known = catalog.KnownFileHashes();
        var hashed = new List<(string, string, long)>();
        var tables = new List<LocalTable>();
        foreach (var table in catalog.ListTables())
        {
            if (catalog.ExportTable(table.Name) is not { } state)
            {
                continue;
            }

            var paths = state.Files.Select(f => f.Path).Concat(state.Indexes.SelectMany(s => SegmentFiles(layout, s.Path)));
            var blobs = new List<RemoteBlob>();
            foreach (var path in paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (!known.TryGetValue(path, out var hash))
                {
                    hash = Hash(layout.Absolute(path));
                    hashed.Add((path, hash.Sha256, hash.Bytes));
                }

                blobs.Add(new RemoteBlob(path, hash.Sha256, hash.Bytes));
            }

            tables.Add(new LocalTable(state, CatalogDatabase.Fingerprint(state), synced.GetValueOrDefault(state.Table.Name), blobs));
        }

        if (hashed.Count > 0)
        {
            catalog.RememberFileHashes(hashed);
        }

        return tables;
    }

    /// <summary>The SHA-256 (lower-case hex) and size of a file.</summary>
    public static (string Sha256, long Bytes) Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    // A sidecar segment is a directory; its derived accelerator files (postings.idx) are rebuilt by readers, so skip them.
    private static IEnumerable<string> SegmentFiles(StoreLayout layout, string segment)
    {
        var directory = layout.Absolute(segment);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".idx", StringComparison.Ordinal))
                .Select(layout.Relative)
            : [];
    }
}
