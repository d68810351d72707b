using Microsoft.Data.Sqlite;

namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    /// <summary>
    /// Replaces the state of each table in <paramref name="tables"/> with the pulled one — table row, live files,
    /// lineage, cursor, ingested sources, redaction, sidecar segments, guide, and the runs they name — and records
    /// <paramref name="synced"/> for <paramref name="remote"/>, all in one transaction. The files must already be in place under the store root.
    /// </summary>
    /// <remarks>Call while holding the store lock, so no run commits in between.</remarks>
    public void ApplyPulledTables(string remote, IReadOnlyList<TableSyncState> tables, IReadOnlyList<SyncedTableRecord> synced)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(synced);
        EnsureSyncSchema();
        var now = Now();
        using var transaction = _connection.BeginTransaction();
        foreach (var state in tables)
        {
            Apply(state, now, transaction);
        }

        foreach (var table in synced)
        {
            UpsertSynced(remote, table, transaction);
        }

        transaction.Commit();
    }

    private void Apply(TableSyncState state, string now, SqliteTransaction transaction)
    {
        var table = state.Table;
        foreach (var run in state.Runs)
        {
            Run("""
                INSERT OR IGNORE INTO runs(run_id, project, pipelines, status, started_at, finished_at, rows_written, files_written, bytes_written, error, definition_sha256)
                VALUES ($id, $p, $ps, $s, $start, $end, $rows, $files, $bytes, $e, $d)
                """, transaction, ("$id", run.RunId), ("$p", run.Project), ("$ps", ToJson(run.Pipelines)), ("$s", run.Status), ("$start", Timestamp(run.StartedAt)),
                ("$end", run.FinishedAt is { } end ? Timestamp(end) : null), ("$rows", run.RowsWritten), ("$files", run.FilesWritten), ("$bytes", run.BytesWritten),
                ("$e", run.Error), ("$d", run.DefinitionSha256));
        }

        Run("""
            INSERT INTO tables(name, pipeline, connector, description, primary_key, columns, updated_run_id, updated_at)
            VALUES ($name, $pipeline, $connector, $description, $pk, $columns, $run, $at)
            ON CONFLICT(name) DO UPDATE SET pipeline = excluded.pipeline, connector = excluded.connector, description = excluded.description,
                primary_key = excluded.primary_key, columns = excluded.columns, updated_run_id = excluded.updated_run_id, updated_at = excluded.updated_at
            """, transaction, ("$name", table.Name), ("$pipeline", table.Pipeline), ("$connector", table.Connector), ("$description", table.Description),
            ("$pk", ToJson(table.PrimaryKey)), ("$columns", ToJson(table.Columns)), ("$run", table.UpdatedRunId),
            ("$at", table.UpdatedAt is { } at ? Timestamp(at) : now));

        Run("DELETE FROM files WHERE table_name = $t", transaction, ("$t", table.Name));
        foreach (var file in state.Files)
        {
            Run("INSERT INTO files(path, table_name, run_id, row_count, byte_size, created_at) VALUES ($p, $t, $run, $rows, $bytes, $now)",
                transaction, ("$p", file.Path), ("$t", table.Name), ("$run", file.RunId), ("$rows", file.RowCount), ("$bytes", file.ByteSize), ("$now", now));
        }

        foreach (var lineage in state.Lineage)
        {
            Run("INSERT OR REPLACE INTO lineage(file_path, run_id, connector, source) VALUES ($f, $run, $c, $s)",
                transaction, ("$f", lineage.FilePath), ("$run", lineage.RunId), ("$c", lineage.Connector), ("$s", lineage.Source));
        }

        Run("DELETE FROM cursors WHERE table_name = $t", transaction, ("$t", table.Name));
        if (state.Cursor is { } cursor)
        {
            Run("INSERT INTO cursors(table_name, cursor, run_id, updated_at) VALUES ($t, $c, $run, $now)",
                transaction, ("$t", table.Name), ("$c", cursor.Cursor), ("$run", cursor.RunId), ("$now", now));
        }

        Run("DELETE FROM source_files WHERE table_name = $t", transaction, ("$t", table.Name));
        foreach (var source in state.SourceFiles)
        {
            Run("INSERT INTO source_files(table_name, path, fingerprint, row_count, run_id) VALUES ($t, $p, $f, $rows, $run)",
                transaction, ("$t", table.Name), ("$p", source.Path), ("$f", source.Fingerprint), ("$rows", source.RowCount), ("$run", source.RunId));
        }

        Run("DELETE FROM table_redactions WHERE table_name = $t", transaction, ("$t", table.Name));
        if (state.Redaction is { } redaction)
        {
            Run("INSERT INTO table_redactions(table_name, columns, mode, salt_sha256, run_id, updated_at) VALUES ($t, $c, $m, $s, $run, $now)",
                transaction, ("$t", table.Name), ("$c", ToJson(redaction.Columns)), ("$m", redaction.Mode), ("$s", redaction.SaltFingerprint),
                ("$run", table.UpdatedRunId ?? "sync"), ("$now", now));
        }

        Run("DELETE FROM index_segments WHERE table_name = $t", transaction, ("$t", table.Name));
        foreach (var segment in state.Indexes)
        {
            Run("INSERT OR REPLACE INTO index_segments (data_path, kind, table_name, path, spec, row_count, byte_size, run_id, created_at) VALUES ($d, $k, $t, $p, $s, $r, $b, $u, $c)",
                transaction, ("$d", segment.DataPath), ("$k", segment.Kind), ("$t", table.Name), ("$p", segment.Path), ("$s", segment.Spec),
                ("$r", segment.RowCount), ("$b", segment.ByteSize), ("$u", segment.RunId), ("$c", now));
        }

        if (state.Guide is { } guide)
        {
            Run("INSERT INTO table_guides (table_name, guide, updated_at) VALUES ($t, $g, $u) ON CONFLICT (table_name) DO UPDATE SET guide = excluded.guide, updated_at = excluded.updated_at",
                transaction, ("$t", table.Name), ("$g", guide), ("$u", now));
        }

        Run("""
            UPDATE tables SET
                row_count = (SELECT COALESCE(SUM(row_count), 0) FROM files WHERE table_name = $t),
                file_count = (SELECT COUNT(*) FROM files WHERE table_name = $t),
                byte_count = (SELECT COALESCE(SUM(byte_size), 0) FROM files WHERE table_name = $t)
            WHERE name = $t
            """, transaction, ("$t", table.Name));
    }

    private void Run(string sql, SqliteTransaction transaction, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        command.ExecuteNonQuery();
    }
}
