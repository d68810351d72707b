using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Planning;
using Hakiri.Steps.Redaction;
using Hakiri.Steps.Sources;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Writing;

/// <summary>
/// What one write produces: the new files' rows and schema, and which live files it replaces. <see cref="KeptOutput"/>
/// names the output holding only rows kept from the replaced files, when the incoming rows went into files of their own.
/// </summary>
internal sealed record RewriteResult(
    List<ColumnSchema> Columns,
    IReadOnlyList<(string Path, long Rows)> Outputs,
    long IncomingRows,
    long RowsReplaced,
    IReadOnlyList<string> RemovedFiles,
    IReadOnlyDictionary<string, long> RowsPerSource)
{
    public string? KeptOutput { get; init; }
}

/// <summary>
/// A source file of the plan and the batch pull-batch staged for it, in record order: one file, or one per byte range
/// when the file was converted in ranges (absent when the file was empty).
/// </summary>
internal sealed record StagedFile(PlannedFile File, IReadOnlyList<string> Batches);

/// <summary>
/// The DuckDB side of the write step: merge schemas, dedupe, find affected files, write one Parquet file. With a
/// primary key the newest row per key wins; with <paramref name="replaceAll"/> (a snapshot read) the run's rows replace
/// every live row, so rows gone from the source leave the table in the same commit.
/// </summary>
internal sealed class TableRewrite(
    StepContext context,
    DuckDbConnection connection,
    PipelineManifest pipeline,
    IReadOnlyList<string> primaryKey,
    bool replaceAll,
    TableRecord? existing,
    IReadOnlyList<FileRecord> live,
    IReadOnlyList<StagedFile> work,
    bool stagedRedacted,
    string? salt)
{
    private readonly string[] _batches = work.SelectMany(w => w.Batches).Where(File.Exists).ToArray();
    private bool? _keysAreUnique;
    private long _stagedRows;
    private ChangeRows? _changes;

    public RewriteResult Run(string staging)
    {
        var rowsPerBatch = RowsPerBatch();
        _stagedRows = rowsPerBatch.Values.Sum();
        var rowsPerSource = work.ToDictionary(w => w.File.Path, w => w.Batches.Sum(b => rowsPerBatch.GetValueOrDefault(Path.GetFileName(b))), StringComparer.Ordinal);
        if (_batches.Length == 0)
        {
            // Every planned file was empty: nothing to add, but the files count as ingested. A snapshot of an empty
            // source empties the table.
            return new RewriteResult(existing?.Columns.ToList() ?? [.. SchemaMerger.Provenance], [], 0, replaceAll ? live.Sum(f => f.RowCount) : 0,
                replaceAll ? live.Select(f => f.Path).ToArray() : [], rowsPerSource);
        }

        var staged = $"read_parquet({Sql.List(_batches)}, union_by_name = true, filename = true, file_row_number = true)";
        _changes = ChangeRows.Of(connection, staged);
        staged = Redact(_changes?.Relation ?? staged);
        if (_changes is not null && primaryKey.Count == 0)
        {
            throw new StepFailedException(StepErrors.Permanent,
                $"Table '{pipeline.Table}': the connector sends changes (updates, deletes) that apply by primary key, but pipeline '{pipeline.Name}' has none; "
                + $"set primary_key under [pipelines.{pipeline.Name}].");
        }

        // A staged reset (change capture starting over, a truncate) replaces the stored rows as a snapshot does.
        var replacing = replaceAll || _changes is { Reset: true };
        var incomingColumns = connection.Describe(staged).Where(c => c.Name is not ("filename" or "file_row_number")).ToList();
        var missingKeys = primaryKey.Where(k => !incomingColumns.Any(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (missingKeys.Length > 0)
        {
            throw new StepFailedException(StepErrors.SchemaIncompatible,
                $"Table '{pipeline.Table}': the records pulled have no primary key column {string.Join(", ", missingKeys.Select(k => $"'{k}'"))}; "
                + $"correct primary_key under [pipelines.{pipeline.Name}] or the source.");
        }

        var target = SchemaMerger.Merge(Redacted(existing?.Columns ?? []), incomingColumns, connection, staged, pipeline.Table);
        var schemaChanged = existing is not null && live.Count > 0 && !existing.Columns.SequenceEqual(target);
        var livePaths = live.Select(f => context.Layout.Absolute(f.Path)).ToArray();
        var replaced = ReplacedFilter();
        var affected = livePaths.Length == 0 || replacing ? [] : schemaChanged ? [.. livePaths] : AffectedFiles(livePaths, replaced, target, incomingColumns, staged);
        var replacedAll = replacing ? live.Select(f => f.Path).ToArray() : [];
        var replacedRows = replacing ? live.Sum(f => f.RowCount) : 0;

        // The staged files become data files as they are when they are already in the table's shape, hold no change
        // rows and no repeated key, and either nothing is replaced (append-only, new keys, or a snapshot that replaces
        // everything) or they are one staged unit (a source file, its ranges included, or one connector part) of a row
        // group or more: that upsert then copies only the kept rows of the files it touches. Re-encoding the incoming
        // rows took a tenth of a 10 M-row merge, and a COPY of kept UNION ALL incoming holds two pipelines' row groups
        // at once (twice the memory of one). Several units, or fewer rows, merge into one file as before, so an upsert
        // adds at most one file more for compaction to find. A batch staged unredacted (see Redact) is never moved.
        var moveBatches = (stagedRedacted || !pipeline.Redaction.Any) && _changes is null && KeysAreUnique(staged, incomingColumns)
            && (affected.Count == 0 || (_stagedRows >= MovedBatchMinRows && work.Count(w => w.Batches.Any(_batches.Contains)) == 1))
            && _batches.All(b => connection.Describe(Single(b)).SequenceEqual(target));
        if (moveBatches && affected.Count == 0)
        {
            return new RewriteResult(target, Moved(rowsPerBatch), _stagedRows, replacedRows, replacedAll, rowsPerSource);
        }

        DefineIncoming(target, incomingColumns, staged);
        long affectedRows = 0;
        if (affected.Count > 0)
        {
            var old = $"read_parquet({Sql.List(affected)}, union_by_name = true)";
            var oldColumns = connection.Describe(old).Select(c => c.Name).ToArray();
            connection.Execute($"""
                CREATE TEMP VIEW kept AS
                SELECT {Projection.To(target, oldColumns, "e")} FROM {old} AS e {replaced.Replace("{e}", "e", StringComparison.Ordinal)}
                """);
            affectedRows = live.Where(f => affected.Contains(context.Layout.Absolute(f.Path))).Sum(f => f.RowCount);
        }

        var removed = replacing ? replacedAll : live.Where(f => affected.Contains(context.Layout.Absolute(f.Path))).Select(f => f.Path).ToArray();
        var output = Path.Combine(staging, "out.parquet");
        if (moveBatches)
        {
            var kept = connection.Execute($"COPY (SELECT * FROM kept) TO {Sql.Literal(output)} {Sql.ParquetOptions}");
            IReadOnlyList<(string, long)> rewritten = kept > 0 ? [(output, kept), .. Moved(rowsPerBatch)] : Moved(rowsPerBatch);
            return new RewriteResult(target, rewritten, _stagedRows, affectedRows - kept, removed, rowsPerSource) { KeptOutput = output };
        }

        var select = affected.Count > 0 ? "SELECT * FROM kept UNION ALL SELECT * FROM incoming" : "SELECT * FROM incoming";
        var outputRows = connection.Execute($"COPY ({select}) TO {Sql.Literal(output)} {Sql.ParquetOptions}");
        // The kept rows are what the output holds besides the incoming ones: counting "kept" itself would run its
        // anti-join over every affected row a second time.
        var keptRows = affected.Count > 0 ? outputRows - connection.Scalar("SELECT count(*) FROM incoming") : 0;
        IReadOnlyList<(string, long)> outputs = outputRows > 0 ? [(output, outputRows)] : [];
        return new RewriteResult(target, outputs, outputRows - keptRows, replacing ? replacedRows : affectedRows - keptRows, removed, rowsPerSource);
    }

    // pull-batch redacts every batch as it stages it, so the write step normally has nothing to redact: hashing a
    // hash would change the value. Only connector batches staged by a version that did not redact them (a run in
    // flight across an upgrade) are redacted here, before anything reads them.
    private string Redact(string staged) =>
        !pipeline.Redaction.Any || stagedRedacted ? staged : RedactionSql.Apply(staged, pipeline.Redaction, salt, connection);

    // The table's recorded schema as the redaction shapes it: a first write under a new redaction (the table holds no
    // rows) must not keep a dropped column or a hashed column's old type.
    private List<ColumnSchema> Redacted(IReadOnlyList<ColumnSchema> columns)
    {
        var redaction = pipeline.Redaction;
        return redaction.Mode == RedactionMode.Drop
            ? columns.Where(c => !redaction.Covers(c.Name)).ToList()
            : columns.Select(c => redaction.Covers(c.Name) ? c with { Type = "VARCHAR" } : c).ToList();
    }

    // Below a row group of staged rows an upsert merges them into the rewritten file: moving them would add a small
    // file for compaction to merge again, and re-encoding so few rows costs next to nothing.
    private static readonly long MovedBatchMinRows = long.Parse(Sql.RowGroupRows, CultureInfo.InvariantCulture);

    // The staged batches as data files, in batch order, without the empty ones.
    private List<(string Path, long Rows)> Moved(Dictionary<string, long> rowsPerBatch)
    {
        var moved = new List<(string, long)>(_batches.Length);
        foreach (var batch in _batches)
        {
            if (rowsPerBatch.GetValueOrDefault(Path.GetFileName(batch)) is var rows and > 0)
            {
                moved.Add((batch, rows));
            }
        }

        return moved;
    }

    private static string Single(string path) => $"read_parquet({Sql.Literal(path)})";

    // With a primary key the newest row per key wins (later batch, then later row). When the incoming keys are
    // already unique (a first load, most upserts) a view does: no window, nothing held in memory. Otherwise the
    // deduplicated rows are materialised because both the anti-join and the output read them.
    private void DefineIncoming(List<ColumnSchema> target, List<ColumnSchema> incomingColumns, string staged)
    {
        // Change rows (with an operation column) dedupe into "changes", whose upserts are "incoming".
        var columns = incomingColumns.Select(c => c.Name).ToArray();
        var name = _changes is null ? "incoming" : "changes";
        var operation = _changes is null ? string.Empty : $", s.{ChangeRows.Operation}";
        if (KeysAreUnique(staged, incomingColumns))
        {
            connection.Execute($"CREATE TEMP VIEW {name} AS SELECT {Projection.To(target, columns, "s")}{operation} FROM {staged} AS s");
        }
        else
        {
            connection.Execute($"""
                CREATE TEMP TABLE {name} AS
                SELECT {Projection.To(target, columns, "s")}{operation}
                FROM {staged} AS s
                QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", primaryKey.Select(k => "s." + Sql.Identifier(k)))}
                                           ORDER BY s.filename DESC, s.file_row_number DESC) = 1
                """);
        }

        if (_changes is not null)
        {
            connection.Execute($"CREATE TEMP VIEW incoming AS {ChangeRows.Upserts("changes")}");
        }
    }

    // True without a primary key; with one, whether no key occurs twice among the incoming rows (a NULL key counts as
    // a duplicate, so such rows go through the deduplicating path). incomingColumns: what DESCRIBE gave for staged.
    private bool KeysAreUnique(string staged, List<ColumnSchema> incomingColumns)
    {
        if (primaryKey.Count == 0)
        {
            return true;
        }

        if (_keysAreUnique is { } known)
        {
            return known;
        }

        if (primaryKey.Count == 1
            && incomingColumns.Find(c => string.Equals(c.Name, primaryKey[0], StringComparison.OrdinalIgnoreCase)) is { } keyColumn
            && IntegerKeyBitmap.AreUnique(connection, staged, keyColumn.Name, keyColumn.Type) is { } dense)
        {
            _keysAreUnique = dense;
            return dense;
        }

        var keys = string.Join(", ", primaryKey.Select(k => "s." + Sql.Identifier(k)));
        var distinct = primaryKey.Count == 1 ? keys : $"row({keys})";
        string Duplicates(string rows) => $"SELECT count(*) - count(DISTINCT {distinct}) FROM {rows} AS s";
        // A distinct count holds every key it has seen (10 M keys reached DuckDB's memory limit: 300+ MiB peak), so more
        // rows than StepOptions.KeysPerUniquenessPass are counted in hash partitions of about that many. Equal keys hash
        // alike, so a duplicate always falls within one partition; so does every NULL key.
        var perPass = Math.Max(1, context.Options.KeysPerUniquenessPass / Math.Max(1, context.Options.WriteThreads));
        var passes = Math.Max(1, (_stagedRows + perPass - 1) / perPass);
        if (passes == 1)
        {
            _keysAreUnique = connection.Scalar(Duplicates(staged)) == 0;
            return _keysAreUnique.Value;
        }

        // The keys are read and hashed once, into a Parquet file per partition, and each partition is counted from its
        // file: at 10 M keys 1.2 s + 1.8 s, where a pass per partition over all staged rows took 6.1 s.
        var partitions = Path.Combine(context.Layout.Root, "tmp", "keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(partitions);
            connection.Execute($"""
                COPY (SELECT hash({keys}) % {passes} AS {PartitionColumn}, {keys} FROM {staged} AS s)
                TO {Sql.Literal(partitions)} (FORMAT parquet, PARTITION_BY ({PartitionColumn}))
                """);
            _keysAreUnique = true;
            for (var pass = 0; pass < passes && _keysAreUnique.Value; pass++)
            {
                var partition = Path.Combine(partitions, $"{PartitionColumn}={pass}");
                _keysAreUnique = !Directory.Exists(partition)
                    || connection.Scalar(Duplicates($"read_parquet({Sql.Literal(Path.Combine(partition, "*.parquet"))})")) == 0;
            }
        }
        finally
        {
            if (Directory.Exists(partitions))
            {
                Directory.Delete(partitions, recursive: true);
            }
        }

        return _keysAreUnique.Value;
    }

    private const string PartitionColumn = "__hakiri_key_partition";

    private Dictionary<string, long> RowsPerBatch()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (_batches.Length == 0)
        {
            return counts;
        }

        using var reader = connection.Query($"SELECT file_name, num_rows FROM parquet_file_metadata({Sql.List(_batches)})");
        while (reader.Read())
        {
            counts[Path.GetFileName(reader.GetString(0))] = reader.GetInt64(1);
        }

        return counts;
    }

    // The clause that keeps an existing row: with a primary key, unless a newer row has its key; without one, unless
    // it came from a source file that was re-read. "{e}" stands for the existing rows' alias.
    private string ReplacedFilter()
    {
        if (primaryKey.Count > 0)
        {
            // Deleted keys are among the changes, not the upserts: both remove the stored row.
            return $"ANTI JOIN {(_changes is null ? "incoming" : "changes")} AS i ON {Projection.KeyMatch(primaryKey, "{e}", "i")}";
        }

        var reread = work.Where(w => w.File.Replaces).Select(w => w.File.Path).ToArray();
        return reread.Length == 0 ? string.Empty : $"WHERE {{e}}.{ProvenanceColumns.Source} NOT IN ({string.Join(", ", reread.Select(Sql.Literal))})";
    }

    private List<string> AffectedFiles(string[] livePaths, string replaced, List<ColumnSchema> target, List<ColumnSchema> incomingColumns, string staged)
    {
        if (replaced.Length == 0)
        {
            return [];
        }

        if (primaryKey.Count == 0)
        {
            var condition = replaced.Replace("{e}.", "e.", StringComparison.Ordinal).Replace("NOT IN", "IN", StringComparison.Ordinal);
            return connection.Strings($"SELECT DISTINCT e.filename FROM read_parquet({Sql.List(livePaths)}, union_by_name = true, filename = true) AS e {condition}");
        }

        // The keys are read once. DISTINCT only where a key repeats (change rows of one key, say), which would make the
        // semi join's hash table larger: for unique keys it took 0.15 s of 1 M and changed nothing.
        var keys = target.Where(c => primaryKey.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var distinct = KeysAreUnique(staged, incomingColumns) ? string.Empty : "DISTINCT ";
        connection.Execute($"CREATE TEMP TABLE incoming_keys AS SELECT {distinct}{Projection.To(keys, incomingColumns.Select(c => c.Name).ToArray(), "s")} FROM {staged} AS s");
        string FilesWithKeys(IEnumerable<string> files, string rows) => $"""
            SELECT DISTINCT e.filename
            FROM read_parquet({Sql.List(files)}, union_by_name = true, filename = true, file_row_number = true) AS e
            SEMI JOIN incoming_keys AS i ON {Projection.KeyMatch(primaryKey, "e", "i")}
            WHERE e.file_row_number {rows}
            """;

        // An upsert that changes rows all over the table hits every file within its first row group: looking there
        // first (the filter skips the other row groups) finds those files without reading all their keys, which at
        // 10 M live rows took 0.4 s. Only the files without a hit there are read whole, so an upsert of new or few
        // keys pays one more hash build than a single pass did.
        var affected = connection.Strings(FilesWithKeys(livePaths, $"< {Sql.RowGroupRows}")).ToHashSet(StringComparer.Ordinal);
        var rest = livePaths.Where(f => !affected.Contains(f)).ToArray();
        if (rest.Length > 0)
        {
            affected.UnionWith(connection.Strings(FilesWithKeys(rest, $">= {Sql.RowGroupRows}")));
        }

        // In the catalog's order, whichever pass found them: the rewrite reads its files in a stable order.
        return livePaths.Where(affected.Contains).ToList();
    }
}
