using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Sources;
using Hakiri.Steps.Writing;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Redaction;

/// <summary>What <c>hakiri redact apply</c> did to a table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Before">The redaction its files were under.</param>
/// <param name="After">The redaction now recorded (the manifest's).</param>
/// <param name="FilesRewritten">Live files replaced by rewritten ones.</param>
/// <param name="RowsRewritten">Rows in the rewritten files.</param>
/// <param name="Dropped">Columns removed from the files.</param>
/// <param name="Hashed">Columns whose stored values were replaced by their hashes.</param>
/// <param name="Unrecoverable">Columns no longer redacted whose stored values stay dropped or hashed: redaction cannot be undone.</param>
public sealed record RedactApplyResult(
    string Table,
    TableRedactionRecord Before,
    TableRedactionRecord After,
    int FilesRewritten,
    long RowsRewritten,
    IReadOnlyList<string> Dropped,
    IReadOnlyList<string> Hashed,
    IReadOnlyList<string> Unrecoverable);

/// <summary>
/// Rewrites every live file of a pipeline's table under the manifest's redaction and records it, in one catalog
/// transaction; the replaced files are deleted after the commit (a crash leaves orphans, as compaction does). Values
/// already dropped or hashed cannot come back, and hashes under another salt cannot be re-keyed: that is refused.
/// </summary>
public static class RedactApply
{
    /// <summary>Applies <paramref name="pipelineName"/>'s redaction to its stored table, as run <paramref name="runId"/>.</summary>
    /// <exception cref="StepFailedException">Unknown pipeline, hash mode without a salt, or a salt change over hashed values (BadInput).</exception>
    public static RedactApplyResult Run(StepContext context, string pipelineName, string runId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipeline = context.Pipeline(pipelineName);
        var salt = RedactionGate.Salt(context, pipeline);
        var wanted = RedactionSql.Record(pipeline.Redaction, salt);
        using var catalog = context.OpenCatalog();
        var before = catalog.GetRedaction(pipeline.Table) ?? TableRedactionRecord.None;
        if (catalog.GetTable(pipeline.Table) is not { } table)
        {
            return new RedactApplyResult(pipeline.Table, before, wanted, 0, 0, [], [], []);
        }

        var drop = wanted.Mode == "drop" ? table.Columns.Where(c => Covers(wanted, c.Name)).Select(c => c.Name).ToArray() : [];
        var alreadyHashed = before.Mode == "hash" ? before.Columns : [];
        var hash = wanted.Mode == "hash" ? table.Columns.Where(c => Covers(wanted, c.Name) && !alreadyHashed.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).Select(c => c.Name).ToArray() : [];
        var rekeyed = wanted.Mode == "hash" ? alreadyHashed.Where(c => Covers(wanted, c) && before.SaltFingerprint != wanted.SaltFingerprint).ToArray() : [];
        if (rekeyed.Length > 0)
        {
            throw new StepFailedException(StepErrors.BadInput,
                $"Table '{table.Name}' holds {string.Join(", ", rekeyed)} hashed under salt fingerprint {before.SaltFingerprint}, not {wanted.SaltFingerprint}; "
                + $"a hash cannot be re-keyed — set {RedactionManifest.SaltVariable} back to the salt it was written with, or empty the table and load it again.");
        }

        var unrecoverable = before.Columns.Where(c => !Covers(wanted, c) || (before.Mode == "drop" && wanted.Mode == "hash")).ToArray();
        var live = catalog.ListFiles(table.Name);
        var rewrite = drop.Length > 0 || hash.Length > 0 ? live : [];
        var added = new List<FileRecord>();
        var columns = table.Columns.Where(c => !drop.Contains(c.Name, StringComparer.Ordinal))
            .Select(c => hash.Contains(c.Name, StringComparer.Ordinal) ? c with { Type = "VARCHAR" } : c).ToList();
        if (rewrite.Count > 0)
        {
            using var database = context.OpenDuckDb();
            using var connection = database.Connect();
            foreach (var file in rewrite)
            {
                added.Add(Rewrite(context, connection, file, runId, added.Count, drop, hash, salt));
            }
        }

        catalog.Commit(new TableCommit
        {
            RunId = runId,
            Table = table with { Columns = columns },
            AddedFiles = added,
            RemovedFiles = rewrite.Select(f => f.Path).ToArray(),
            Lineage = added.Zip(rewrite, (a, r) => new LineageRecord(a.Path, "redact:" + r.Path)).ToArray(),
            Redaction = wanted,
        });
        StoreFiles.DeleteQuietly(context.Layout, rewrite.Select(f => f.Path));
        return new RedactApplyResult(table.Name, before, wanted, added.Count, added.Sum(f => f.RowCount), drop, hash, unrecoverable);
    }

    private static bool Covers(TableRedactionRecord redaction, string column) => redaction.Columns.Contains(column, StringComparer.OrdinalIgnoreCase);

    // One rewritten file per live file: memory stays that of one file's row group, and row counts carry over.
    private static FileRecord Rewrite(
        StepContext context, DuckDb.DuckDbConnection connection, FileRecord file, string runId, int index, string[] drop, string[] hash, string? salt)
    {
        var source = $"read_parquet({Sql.Literal(context.Layout.Absolute(file.Path))})";
        var relation = RedactionSql.Apply(source, connection.Describe(source), drop, hash, salt);
        var relative = StoreLayout.DataFile(file.Table, runId, $"redact-{index:D6}.parquet");
        var target = context.Layout.Absolute(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var rows = connection.Execute($"COPY (SELECT * FROM {relation}) TO {Sql.Literal(target)} {Sql.ParquetOptions}");
        if (rows != file.RowCount)
        {
            throw new InvalidOperationException($"Rewriting '{file.Path}' read {rows} rows from a file the catalog says holds {file.RowCount}; the store is inconsistent.");
        }

        return new FileRecord(relative, file.Table, runId, rows, new FileInfo(target).Length);
    }
}
