namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    /// <summary>
    /// Applies a table's changes in one transaction: files in and out, lineage, ingested source files, cursor, table
    /// schema and counts, and the run's totals. Either all of it is visible afterwards or none of it.
    /// </summary>
    public void Commit(TableCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var now = Now();
        var table = commit.Table;
        using var transaction = _connection.BeginTransaction();

        using (var upsert = Command("""
            INSERT INTO tables(name, pipeline, connector, description, primary_key, columns, updated_run_id, updated_at)
            VALUES ($name, $pipeline, $connector, $description, $pk, $columns, $run, $now)
            ON CONFLICT(name) DO UPDATE SET pipeline = excluded.pipeline, connector = excluded.connector,
                description = excluded.description, primary_key = excluded.primary_key, columns = excluded.columns,
                updated_run_id = excluded.updated_run_id, updated_at = excluded.updated_at
            """, transaction, ("$name", table.Name), ("$pipeline", table.Pipeline), ("$connector", table.Connector),
            ("$description", table.Description), ("$pk", ToJson(table.PrimaryKey)), ("$columns", ToJson(table.Columns)),
            ("$run", commit.RunId), ("$now", now)))
        {
            upsert.ExecuteNonQuery();
        }

        foreach (var path in commit.RemovedFiles)
        {
            using var delete = Command("DELETE FROM files WHERE path = $p AND table_name = $t", transaction, ("$p", path), ("$t", table.Name));
            if (delete.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"The catalog has no live file '{path}' in table '{table.Name}'; another run changed the table concurrently.");
            }
        }

        foreach (var file in commit.AddedFiles)
        {
            using var insert = Command(
                "INSERT INTO files(path, table_name, run_id, row_count, byte_size, created_at) VALUES ($p, $t, $run, $rows, $bytes, $now)",
                transaction, ("$p", file.Path), ("$t", table.Name), ("$run", commit.RunId), ("$rows", file.RowCount), ("$bytes", file.ByteSize), ("$now", now));
            insert.ExecuteNonQuery();
        }

        foreach (var lineage in commit.Lineage)
        {
            using var insert = Command(
                "INSERT OR REPLACE INTO lineage(file_path, run_id, connector, source) VALUES ($f, $run, $c, $s)",
                transaction, ("$f", lineage.FilePath), ("$run", commit.RunId), ("$c", table.Connector), ("$s", lineage.Source));
            insert.ExecuteNonQuery();
        }

        foreach (var source in commit.SourceFiles)
        {
            using var upsertSource = Command("""
                INSERT INTO source_files(table_name, path, fingerprint, row_count, run_id) VALUES ($t, $p, $f, $rows, $run)
                ON CONFLICT(table_name, path) DO UPDATE SET fingerprint = excluded.fingerprint, row_count = excluded.row_count, run_id = excluded.run_id
                """, transaction, ("$t", table.Name), ("$p", source.Path), ("$f", source.Fingerprint), ("$rows", source.RowCount), ("$run", commit.RunId));
            upsertSource.ExecuteNonQuery();
        }

        if (commit.Cursor is { } cursor)
        {
            using var upsertCursor = Command("""
                INSERT INTO cursors(table_name, cursor, run_id, updated_at) VALUES ($t, $c, $run, $now)
                ON CONFLICT(table_name) DO UPDATE SET cursor = excluded.cursor, run_id = excluded.run_id, updated_at = excluded.updated_at
                """, transaction, ("$t", table.Name), ("$c", cursor), ("$run", commit.RunId), ("$now", now));
            upsertCursor.ExecuteNonQuery();
        }

        if (commit.Redaction is { } redaction)
        {
            using var upsertRedaction = Command("""
                INSERT INTO table_redactions(table_name, columns, mode, salt_sha256, run_id, updated_at) VALUES ($t, $c, $m, $s, $run, $now)
                ON CONFLICT(table_name) DO UPDATE SET columns = excluded.columns, mode = excluded.mode, salt_sha256 = excluded.salt_sha256,
                    run_id = excluded.run_id, updated_at = excluded.updated_at
                """, transaction, ("$t", table.Name), ("$c", ToJson(redaction.Columns)), ("$m", redaction.Mode), ("$s", redaction.SaltFingerprint),
                ("$run", commit.RunId), ("$now", now));
            upsertRedaction.ExecuteNonQuery();
        }

        using (var counts = Command("""
            UPDATE tables SET
                row_count = (SELECT COALESCE(SUM(row_count), 0) FROM files WHERE table_name = $t),
                file_count = (SELECT COUNT(*) FROM files WHERE table_name = $t),
                byte_count = (SELECT COALESCE(SUM(byte_size), 0) FROM files WHERE table_name = $t)
            WHERE name = $t
            """, transaction, ("$t", table.Name)))
        {
            counts.ExecuteNonQuery();
        }

        using (var totals = Command("""
            UPDATE runs SET rows_written = rows_written + $rows, files_written = files_written + $files, bytes_written = bytes_written + $bytes
            WHERE run_id = $run
            """, transaction, ("$run", commit.RunId), ("$rows", commit.RowsWritten), ("$files", commit.AddedFiles.Count),
            ("$bytes", commit.AddedFiles.Sum(f => f.ByteSize))))
        {
            totals.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
