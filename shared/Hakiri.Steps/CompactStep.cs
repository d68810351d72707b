using Hakiri.Model.Steps;
using Hakiri.Steps.Sources;
using Hakiri.Steps.Writing;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps;

/// <summary>
/// <c>compact</c>: once a table has enough small files, merges them into one, swaps it in with one catalog
/// transaction, then deletes the merged files.
/// </summary>
public static class CompactStep
{
    /// <summary>Runs the step.</summary>
    public static Task<CompactOutput> RunAsync(StepContext context, TableStepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var catalog = context.OpenCatalog();
        var table = catalog.GetTable(input.Table);
        var live = catalog.ListFiles(input.Table);
        var small = live.Where(f => f.ByteSize < context.Options.SmallFileBytes).ToArray();
        // The ranges of one source file count once (DataFileNames): a large file split for speed is no pile of small files.
        if (table is null || small.Select(f => DataFileNames.Unit(f.Path)).Distinct(StringComparer.Ordinal).Count() < context.Options.CompactMinFiles)
        {
            return Task.FromResult(new CompactOutput(input.RunId, input.Pipeline, input.Table, live.Count, live.Count));
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Deterministic: a retried compaction in the same run overwrites its own output.
        const string name = "compact-000000.parquet";
        var relative = StoreLayout.DataFile(input.Table, input.RunId, name);
        var target = context.Layout.Absolute(relative);
        var temporary = context.Layout.Absolute(StoreLayout.StagingPrefix(input.RunId, input.Table) + "/" + name);
        Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        using (var database = context.OpenDuckDb())
        using (var connection = database.Connect())
        using (WriteThreads.Enter(connection, context.Options))
        {
            // Like the write step's merge, a compaction keeps no record order across files, so it uses the write step's threads.
            var sources = $"read_parquet({Sql.List(small.Select(f => context.Layout.Absolute(f.Path)))}, union_by_name = true)";
            var columns = connection.Describe(sources).Select(c => c.Name).ToArray();
            var rows = connection.Execute($"COPY (SELECT {Projection.To(table.Columns, columns, "f")} FROM {sources} AS f) TO {Sql.Literal(temporary)} {Sql.ParquetOptions}");
            if (rows != small.Sum(f => f.RowCount))
            {
                throw new InvalidOperationException($"Compaction of '{input.Table}' read {rows} rows from files the catalog says hold {small.Sum(f => f.RowCount)}; the store is inconsistent.");
            }
        }

        File.Move(temporary, target, overwrite: true);
        var merged = new FileRecord(relative, input.Table, input.RunId, small.Sum(f => f.RowCount), new FileInfo(target).Length);
        catalog.Commit(new TableCommit
        {
            RunId = input.RunId,
            Table = table,
            AddedFiles = [merged],
            RemovedFiles = small.Select(f => f.Path).ToArray(),
            Lineage = small.Select(f => new LineageRecord(relative, "compaction:" + f.Path)).ToArray(),
        });
        StoreFiles.DeleteQuietly(context.Layout, small.Select(f => f.Path));
        var after = live.Count - small.Length + 1;
        return Task.FromResult(new CompactOutput(input.RunId, input.Pipeline, input.Table, live.Count, after));
    }
}
