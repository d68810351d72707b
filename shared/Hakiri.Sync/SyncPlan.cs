using Hakiri.Store.Catalog;

namespace Hakiri.Sync;

/// <summary>Which side's state of a table wins (docs/sync.md, "Who wins").</summary>
internal enum Winner
{
    /// <summary>Both sides hold the same state.</summary>
    Equal,

    /// <summary>The local state is newer: push moves it, pull keeps it.</summary>
    Local,

    /// <summary>The remote state is newer: pull applies it, push leaves it.</summary>
    Remote,

    /// <summary>The remote holds an older version than this store last synced: pull never applies it.</summary>
    RemoteOlder,
}

/// <summary>The decision for one table, shared by push, pull and status.</summary>
internal sealed record TablePlan(string Table, LocalTable? Local, RemoteTable? Remote, Winner Winner, bool BothChanged)
{
    /// <summary>The version a push of the local state gets: one past anything either side has seen.</summary>
    public long NextVersion => Math.Max(Remote?.Version ?? 0, Local?.Synced?.RemoteVersion ?? 0) + 1;

    /// <summary>
    /// Decides one table. A side "changed" when its state moved since this store last synced the table: the local
    /// fingerprint differs from the recorded one, or the remote version is past the recorded one. When both changed,
    /// the state whose last commit (the table's <c>updated_at</c>) is later wins — last writer wins, per table.
    /// </summary>
    public static TablePlan Decide(string table, LocalTable? local, RemoteTable? remote)
    {
        if (local is null)
        {
            return new TablePlan(table, null, remote, Winner.Remote, false);
        }

        if (remote is null)
        {
            return new TablePlan(table, local, null, Winner.Local, false);
        }

        if (CatalogDatabase.Fingerprint(remote.State) == local.Fingerprint)
        {
            return new TablePlan(table, local, remote, Winner.Equal, false);
        }

        var known = local.Synced?.RemoteVersion;
        if (known is { } version && remote.Version < version)
        {
            return new TablePlan(table, local, remote, local.ChangedSinceSync ? Winner.Local : Winner.RemoteOlder, false);
        }

        var remoteChanged = known is null || remote.Version > known;
        var localChanged = local.ChangedSinceSync;
        if (remoteChanged && localChanged)
        {
            var localAt = local.State.Table.UpdatedAt ?? DateTimeOffset.MinValue;
            var remoteAt = remote.State.Table.UpdatedAt ?? DateTimeOffset.MinValue;
            return new TablePlan(table, local, remote, localAt >= remoteAt ? Winner.Local : Winner.Remote, true);
        }

        return new TablePlan(table, local, remote, remoteChanged ? Winner.Remote : localChanged ? Winner.Local : Winner.Equal, false);
    }

    /// <summary>Plans every table either side has, by name.</summary>
    public static IReadOnlyList<TablePlan> DecideAll(IReadOnlyList<LocalTable> local, RemoteHead remote)
    {
        var names = local.Select(t => t.Name).Concat(remote.Snapshot?.Tables.Select(t => t.Name) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return names.Select(n => Decide(n, local.FirstOrDefault(t => t.Name == n), remote.Find(n))).ToList();
    }
}
