namespace Hakiri.Store.Catalog;

/// <summary>
/// What sync reads from the catalog: a table's whole state, and what this store last exchanged with its remote
/// (tables <c>sync_tables</c>, <c>sync_files</c>, <c>sync_state</c>; see docs/sync.md). A catalog gains them on first use.
/// </summary>
public sealed partial class CatalogDatabase
{
    private const string SyncSchema = """
        CREATE TABLE IF NOT EXISTS sync_state (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sync_tables (
            remote            TEXT NOT NULL,        -- the bucket, as s3://bucket/prefix or azblob://container/prefix
            table_name        TEXT NOT NULL,
            remote_version    INTEGER NOT NULL,     -- the table's version in the remote snapshot last pushed or pulled
            local_fingerprint TEXT NOT NULL,        -- the local state right after that sync
            synced_at         TEXT NOT NULL,
            PRIMARY KEY (remote, table_name)
        );
        CREATE TABLE IF NOT EXISTS sync_files (
            path      TEXT PRIMARY KEY,             -- a live data or sidecar file (immutable once committed)
            sha256    TEXT NOT NULL,
            byte_size INTEGER NOT NULL
        );
        """;

    private bool _syncSchemaReady;

    /// <summary>This store's install id (12 hex digits), created on first use: half of a sync lease holder's identity.</summary>
    public string SyncInstallId()
    {
        EnsureSyncSchema();
        using var read = Command("SELECT value FROM sync_state WHERE key = 'install_id'", null);
        if (read.ExecuteScalar() is string id)
        {
            return id;
        }

        var created = Guid.NewGuid().ToString("N")[..12];
        using var insert = Command("INSERT OR IGNORE INTO sync_state(key, value) VALUES ('install_id', $v)", null, ("$v", created));
        insert.ExecuteNonQuery();
        return SyncInstallId();
    }

    /// <summary>What this store last exchanged with <paramref name="remote"/>, per table.</summary>
    public IReadOnlyDictionary<string, SyncedTableRecord> ListSyncedTables(string remote)
    {
        EnsureSyncSchema();
        using var command = Command("SELECT table_name, remote_version, local_fingerprint, synced_at FROM sync_tables WHERE remote = $r", null, ("$r", remote));
        using var reader = command.ExecuteReader();
        var synced = new Dictionary<string, SyncedTableRecord>(StringComparer.Ordinal);
        while (reader.Read())
        {
            synced[reader.GetString(0)] = new SyncedTableRecord(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), ReadTimestamp(reader, 3)!.Value);
        }

        return synced;
    }

    /// <summary>Records what was just pushed to (or found equal in) <paramref name="remote"/> for each table.</summary>
    public void RecordSyncedTables(string remote, IReadOnlyList<SyncedTableRecord> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        EnsureSyncSchema();
        using var transaction = _connection.BeginTransaction();
        foreach (var table in tables)
        {
            UpsertSynced(remote, table, transaction);
        }

        transaction.Commit();
    }

    /// <summary>The SHA-256 (lower-case hex) and size recorded for store files already hashed, by path.</summary>
    public IReadOnlyDictionary<string, (string Sha256, long Bytes)> KnownFileHashes()
    {
        EnsureSyncSchema();
        using var command = Command("SELECT path, sha256, byte_size FROM sync_files", null);
        using var reader = command.ExecuteReader();
        var hashes = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            hashes[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return hashes;
    }

    /// <summary>Remembers the hashes of store files (files are immutable once committed, so a path's hash never changes).</summary>
    public void RememberFileHashes(IEnumerable<(string Path, string Sha256, long Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        EnsureSyncSchema();
        using var transaction = _connection.BeginTransaction();
        foreach (var (path, sha, bytes) in files)
        {
            using var upsert = Command("INSERT OR REPLACE INTO sync_files(path, sha256, byte_size) VALUES ($p, $s, $b)", transaction, ("$p", path), ("$s", sha), ("$b", bytes));
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The whole state of <paramref name="table"/>, or <see langword="null"/> when no run wrote it.</summary>
    public TableSyncState? ExportTable(string table)
    {
        if (GetTable(table) is not { } record)
        {
            return null;
        }

        var files = ListFiles(record.Name);
        var paths = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var lineage = new List<SyncLineageRecord>();
        using (var command = Command("SELECT l.file_path, l.run_id, l.connector, l.source FROM lineage l JOIN files f ON f.path = l.file_path WHERE f.table_name = $t ORDER BY 1, 4", null, ("$t", record.Name)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                lineage.Add(new SyncLineageRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        SyncCursorRecord? cursor = null;
        using (var command = Command("SELECT cursor, run_id FROM cursors WHERE table_name = $t", null, ("$t", record.Name)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                cursor = new SyncCursorRecord(reader.GetString(0), reader.GetString(1));
            }
        }

        var sources = new List<SyncSourceFileRecord>();
        using (var command = Command("SELECT path, fingerprint, row_count, run_id FROM source_files WHERE table_name = $t ORDER BY path", null, ("$t", record.Name)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                sources.Add(new SyncSourceFileRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
            }
        }

        var indexes = ListIndexSegments(record.Name).Where(s => paths.Contains(s.DataPath)).ToList();
        string? guide;
        using (var command = Command("SELECT guide FROM table_guides WHERE table_name = $t", null, ("$t", record.Name)))
        {
            guide = command.ExecuteScalar() as string;
        }

        var runIds = files.Select(f => f.RunId).Append(record.UpdatedRunId).Append(cursor?.RunId).OfType<string>().Distinct(StringComparer.Ordinal);
        var runs = runIds.Select(GetRun).OfType<RunRecord>().OrderBy(r => r.RunId, StringComparer.Ordinal).ToList();
        return new TableSyncState(record, files, lineage, cursor, sources, GetRedaction(record.Name), indexes, guide, runs);
    }

    /// <summary>
    /// A short fingerprint of what a table holds (live files, cursor, schema, ingested sources, segments): equal
    /// fingerprints mean nothing a run commits has changed.
    /// </summary>
    public static string Fingerprint(TableSyncState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = string.Join('\n', new[]
        {
            state.Table.UpdatedRunId ?? string.Empty,
            ToJson(state.Table.Columns),
            state.Cursor?.Cursor ?? string.Empty,
        }
            .Concat(state.Files.Select(f => f.Path).Order(StringComparer.Ordinal))
            .Concat(state.SourceFiles.Select(s => s.Path + " " + s.Fingerprint).Order(StringComparer.Ordinal))
            .Concat(state.Indexes.Select(s => s.Path).Order(StringComparer.Ordinal)));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    private void EnsureSyncSchema()
    {
        if (!_syncSchemaReady)
        {
            Execute(SyncSchema);
            _syncSchemaReady = true;
        }
    }

    private void UpsertSynced(string remote, SyncedTableRecord table, Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        using var upsert = Command("""
            INSERT INTO sync_tables(remote, table_name, remote_version, local_fingerprint, synced_at) VALUES ($r, $t, $v, $f, $at)
            ON CONFLICT(remote, table_name) DO UPDATE SET remote_version = excluded.remote_version, local_fingerprint = excluded.local_fingerprint, synced_at = excluded.synced_at
            """, transaction, ("$r", remote), ("$t", table.Table), ("$v", table.RemoteVersion), ("$f", table.LocalFingerprint),
            ("$at", Timestamp(table.SyncedAt)));
        upsert.ExecuteNonQuery();
    }
}
