using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;

namespace Hakiri.Sync;

/// <summary>
/// Shares a local store through a bucket (docs/sync.md): <see cref="PushAsync"/> uploads the blobs the bucket lacks,
/// writes a snapshot and moves <c>HEAD.json</c> under the single-writer lease; <see cref="PullAsync"/> applies newer
/// remote table states in one catalog transaction; <see cref="StatusAsync"/> says what would move.
/// </summary>
public sealed partial class SyncClient
{
    private readonly IObjectStore _remote;
    private readonly StoreLayout _layout;
    private readonly SyncOptions _options;
    private readonly RemoteDocuments _documents;

    /// <summary>Creates a client for the store at <paramref name="layout"/> and the bucket <paramref name="remote"/>.</summary>
    public SyncClient(IObjectStore remote, StoreLayout layout, SyncOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(layout);
        _remote = remote;
        _layout = layout;
        _options = options ?? new SyncOptions();
        _documents = new RemoteDocuments(remote);
    }

    /// <summary>This store's identity as a lease holder and snapshot author.</summary>
    public SyncIdentity Identity()
    {
        using var catalog = CatalogDatabase.Open(_layout, _options.Clock);
        return new SyncIdentity(_options.Holder, catalog.SyncInstallId());
    }

    private static long Rows(TableSyncState state) => state.Files.Sum(f => f.RowCount);

    private static string Describe(RemoteTable remote) =>
        $"version {remote.Version} by {remote.ChangedBy.Holder} at {remote.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Rows(remote.State)} rows)";

    private void Report(string line) => _options.Progress?.Invoke(line);
}
