using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Connectors;
using Hakiri.Steps.Planning;
using Hakiri.Steps.Redaction;
using Hakiri.Steps.Sources;
using Hakiri.Steps.Writing;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps;

/// <summary>
/// <c>write</c>: turns a table's staged batches into live Parquet data files. With a primary key the newest row per
/// key wins and older versions are removed; without one, rows of a re-read source file replace that file's earlier
/// rows; a snapshot source's run (<c>replace_all</c> in its plan) replaces every live row, so rows gone upstream
/// leave the table. The key is the pipeline's <c>primary_key</c>, else the one the connector discovered. Files whose
/// rows change are rewritten, the new files are moved under <c>data/</c>, and one catalog
/// transaction swaps them in together with the ingested source files (the connector's cursor). Old files are deleted
/// only after the commit, so a crash leaves either the old state or the new one, plus orphans the next run removes.
/// </summary>
public static class WriteStep
{
    /// <summary>Runs the step.</summary>
    public static Task<WriteOutput> RunAsync(StepContext context, TableStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = context.Pipeline(input.Pipeline);
        var stagingPrefix = StoreLayout.StagingPrefix(input.RunId, input.Table);
        var staging = context.Layout.Absolute(stagingPrefix);
        using var catalog = context.OpenCatalog();
        // The guide carries the table's inference zone policy: recorded before any row it governs is committed, so no
        // server reads new data under an older policy (the index step writes it again).
        catalog.PutTableGuide(input.Table, Indexing.TableGuide.For(pipeline));
        var existing = catalog.GetTable(input.Table);

        // At least once: a retried write after a commit finds its own run on the table and does nothing again.
        if (existing?.UpdatedRunId == input.RunId || !Directory.Exists(staging))
        {
            return Task.FromResult(new WriteOutput(input.RunId, input.Pipeline, input.Table, 0, 0, 0, 0, 0, existing?.RowCount ?? 0));
        }

        // Checked before the staged rows are read: a changed redaction or a missing salt writes nothing.
        var redaction = RedactionGate.Check(context, pipeline, catalog);
        var salt = RedactionGate.Salt(context, pipeline);

        // Another run may have committed some of the same source files since discover (two runs racing on one
        // store): those are dropped here, so a retried or late write never lands them twice.
        var plan = PlanStore.Load(staging);
        var committed = catalog.GetSourceFiles(input.Table);
        var work = plan.Connector is not null ? ConnectorWork(staging) : plan.Files
            .Select((f, i) => new StagedFile(f with { Replaces = committed.ContainsKey(f.Path) }, PullBatchStep.BatchFiles(staging, i)))
            .Where(w => !(committed.TryGetValue(w.File.Path, out var known) && known.Fingerprint == w.File.Fingerprint))
            .ToArray();
        var cursor = plan.Connector is null ? null : ConnectorPull.LastCursor(staging);
        var key = plan.Connector?.PrimaryKey ?? pipeline.PrimaryKey;
        var replaceAll = plan.Connector?.ReplaceAll == true && cursor is not null;
        var emptied = replaceAll && (existing?.RowCount ?? 0) > 0;
        if (work.Length == 0 && !emptied && (plan.Connector is null || cursor == catalog.GetCursor(input.Table) || cursor is null))
        {
            Directory.Delete(staging, recursive: true);
            return Task.FromResult(new WriteOutput(input.RunId, input.Pipeline, input.Table, 0, 0, 0, 0, 0, existing?.RowCount ?? 0));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var live = catalog.ListFiles(input.Table);
        using var database = context.OpenDuckDb();
        using var connection = database.Connect();
        using var threads = WriteThreads.Enter(connection, context.Options);
        // Each batch is redacted once, when staged; only a connector's unmarked batches (staged by a version that did not
        // redact them) are redacted here. A batch staged under another redaction is refused.
        var batches = work.SelectMany(w => w.Batches).Where(File.Exists).ToArray();
        var stagedRedacted = RedactionMarker.Staged(connection, batches, redaction, unmarked: plan.Connector is null, input.Table);
        var result = new TableRewrite(context, connection, pipeline, key, replaceAll, existing, live, work, stagedRedacted, salt).Run(staging);

        var added = new List<FileRecord>();
        var keptFile = (string?)null;
        var names = DataFileNames.For(result.Outputs.Select(o => o.Path));
        foreach (var (path, rows) in result.Outputs)
        {
            var relative = StoreLayout.DataFile(input.Table, input.RunId, names[added.Count]);
            var target = context.Layout.Absolute(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(path, target, overwrite: true);
            added.Add(new FileRecord(relative, input.Table, input.RunId, rows, new FileInfo(target).Length));
            keptFile = path == result.KeptOutput ? relative : keptFile;
        }

        // A file of kept rows comes from the replaced files only; a file of incoming rows beside it, from the sources only.
        var sources = (plan.Connector is { } connector ? [connector.Lineage] : work.Select(s => s.File.Path)).ToArray();
        var rewrites = result.RemovedFiles.Select(r => "rewrite:" + r).ToArray();
        IEnumerable<LineageRecord> LineageOf(FileRecord file) =>
            (file.Path == keptFile ? rewrites : result.KeptOutput is null ? [.. sources, .. rewrites] : sources)
            .Select(source => new LineageRecord(file.Path, source));

        var table = new TableRecord(input.Table, pipeline.Name, pipeline.Source.Connector, pipeline.Description, key,
            result.Columns, 0, 0, 0, input.RunId, null);
        catalog.Commit(new TableCommit
        {
            RunId = input.RunId,
            Table = table,
            AddedFiles = added,
            RemovedFiles = result.RemovedFiles,
            Lineage = added.SelectMany(LineageOf).ToArray(),
            SourceFiles = plan.Connector is not null ? [] : work.Select(w => new SourceFileRecord(w.File.Path, w.File.Fingerprint, result.RowsPerSource.GetValueOrDefault(w.File.Path))).ToArray(),
            Cursor = cursor,
            RowsWritten = result.IncomingRows,
            Redaction = redaction,
        });

        StoreFiles.DeleteQuietly(context.Layout, result.RemovedFiles);
        Directory.Delete(staging, recursive: true);
        var after = catalog.GetTable(input.Table)!;
        return Task.FromResult(new WriteOutput(input.RunId, input.Pipeline, input.Table, result.IncomingRows, result.RowsReplaced,
            added.Count, result.RemovedFiles.Count, added.Sum(f => f.ByteSize), after.RowCount));
    }

    // A connector's staged files in batch order (the newest row per key wins by this order), each its own unit.
    private static StagedFile[] ConnectorWork(string staging) =>
        Directory.EnumerateFiles(staging, ConnectorPull.PartPattern).Order(StringComparer.Ordinal)
            .Select(path => new StagedFile(new PlannedFile(Path.GetFileName(path), path, string.Empty, Replaces: false), [path]))
            .ToArray();
}
