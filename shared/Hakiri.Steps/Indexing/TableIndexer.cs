using System.Globalization;
using Hakiri.Embeddings;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Indexing;

/// <summary>
/// Reconciles one table's sidecar segments with its live files and declared indexes: builds what is missing, then
/// commits the new set and forgets the stale one in one transaction, then deletes stale directories.
/// </summary>
public sealed class TableIndexer(StepContext context, PipelineManifest pipeline, string table, string build)
{
    /// <summary>
    /// Runs the reconciliation; with <paramref name="rebuild"/> every segment is rebuilt (text already embedded by the
    /// same model is still reused). Returns what was done, as one line.
    /// </summary>
    public async Task<string> RunAsync(bool rebuild, CancellationToken cancellationToken)
    {
        using var catalog = context.OpenCatalog();
        catalog.PutTableGuide(table, TableGuide.For(pipeline));
        var existing = catalog.ListIndexSegments(table);
        var wanted = Wanted(pipeline.Indexes);
        if (wanted.Count == 0 && existing.Count == 0)
        {
            // Nothing declared, nothing left to drop: the common case costs one catalog read.
            return "no indexes declared";
        }

        var record = catalog.GetTable(table);
        var live = record is null ? [] : catalog.ListFiles(table);
        if (record is not null)
        {
            CheckColumns(record, pipeline.Indexes);
        }

        var liveSet = live.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var keep = existing.Where(s => !rebuild && liveSet.Contains(s.DataPath) && wanted.TryGetValue(s.Kind, out var spec) && spec == s.Spec).ToList();
        var stale = existing.Except(keep).ToList();
        var added = new List<IndexSegmentRecord>();
        var notes = new List<string>();
        // A loop, not LINQ over tuples: that would grow the AOT Lambda bootstrap (docs/lambda.md#package-size).
        var missingPerKind = new List<(string Kind, string Spec, List<FileRecord> Missing)>();
        foreach (var (kind, spec) in wanted)
        {
            var missing = live.Where(f => !keep.Any(s => s.Kind == kind && s.DataPath == f.Path)).ToList();
            if (missing.Count > 0)
            {
                missingPerKind.Add((kind, spec, missing));
            }
        }

        if (missingPerKind.Count > 0)
        {
            // Only when a segment is missing: a re-run with nothing new does not load DuckDB at all.
            using var duck = context.OpenDuckDb();
            using var reader = duck.Connect();
            using var scratch = duck.Connect();
            foreach (var (kind, spec, missing) in missingPerKind)
            {
                if (kind == IndexSpecs.FullTextKind)
                {
                    foreach (var file in missing)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var path = StoreLayout.IndexSegment(file.Path, kind, build);
                        var (rows, bytes) = FullTextBuilder.Build(reader, scratch, context.Layout.Absolute(file.Path), context.Layout.Absolute(path), pipeline.Indexes);
                        added.Add(new IndexSegmentRecord(file.Path, kind, table, path, spec, rows, bytes, build));
                    }
                }
                else if (await BuildVectorsAsync(missing, existing, spec, rebuild, reader, scratch, added, notes, cancellationToken).ConfigureAwait(false) is { } skipped)
                {
                    notes.Add(skipped);
                }
            }
        }

        // Segments of a kind that could not be built this time stay until one replaces them: stale but harmless,
        // since readers only use segments whose data file is live.
        var removed = stale.Where(s => !liveSet.Contains(s.DataPath) || !wanted.ContainsKey(s.Kind) || added.Any(a => a.Kind == s.Kind && a.DataPath == s.DataPath)).ToList();
        catalog.CommitIndexSegments(added, removed);
        foreach (var segment in removed.Where(r => added.All(a => a.Path != r.Path)))
        {
            DeleteQuietly(context.Layout.Absolute(segment.Path));
        }

        Sweep(catalog.ListIndexSegments(table));
        return Summary(wanted, added, removed, keep, notes);
    }

    // Directories no segment references: builds of a step that died before its commit, or deletes that failed.
    private void Sweep(IReadOnlyList<IndexSegmentRecord> referenced)
    {
        var root = context.Layout.Absolute(StoreLayout.TableIndexPrefix(table));
        if (!Directory.Exists(root))
        {
            return;
        }

        var keep = referenced.Select(s => context.Layout.Absolute(s.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).ToList())
        {
            var depth = Path.GetRelativePath(root, directory).Count(c => c == Path.DirectorySeparatorChar);
            if (depth == 2 && !keep.Contains(directory))
            {
                DeleteQuietly(directory);
            }
        }

        // Then the run and data-file directories left empty, deepest first.
        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(root).ToList())
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                DeleteQuietly(directory);
            }
        }
    }

    /// <summary>
    /// The recorded segments this reconciliation will replace or drop (their data file is gone, or they were built for
    /// another spec): what a host working on a copy of an object store must fetch first — their vectors are reused and
    /// their directories deleted. Segments that stay need not be fetched.
    /// </summary>
    public static IReadOnlyList<IndexSegmentRecord> Replaced(CatalogDatabase catalog, PipelineManifest pipeline, string table)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pipeline);
        var wanted = Wanted(pipeline.Indexes);
        var live = catalog.ListFiles(table).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return catalog.ListIndexSegments(table)
            .Where(s => !live.Contains(s.DataPath) || !wanted.TryGetValue(s.Kind, out var spec) || spec != s.Spec)
            .ToList();
    }

    private async Task<string?> BuildVectorsAsync(List<FileRecord> missing, IReadOnlyList<IndexSegmentRecord> existing, string spec, bool rebuild,
        Hakiri.DuckDb.DuckDbConnection reader, Hakiri.DuckDb.DuckDbConnection scratch, List<IndexSegmentRecord> added, List<string> notes, CancellationToken cancellationToken)
    {
        var vector = pipeline.Indexes.Vector!;
        IEmbeddingProvider? provider = null;
        if (vector.Model is { } model)
        {
            try
            {
                provider = context.Embeddings.Open(EmbeddingModel.Parse(model));
            }
            catch (EmbeddingException e)
            {
                return $"vector index of {table} not built here: {e.Message}";
            }
        }

        using (provider)
        using (var reuse = new VectorReuse())
        {
            // A rebuild re-embeds on purpose (a model's files or endpoint changed under the same name).
            foreach (var segment in existing.Where(s => !rebuild && s.Kind == IndexSpecs.VectorKind && s.Spec == spec))
            {
                reuse.Load(context.Layout.Absolute(segment.Path));
            }

            var builder = new VectorBuilder(vector, provider, reuse, context.Progress);
            foreach (var file in missing)
            {
                var path = StoreLayout.IndexSegment(file.Path, IndexSpecs.VectorKind, build);
                var (rows, bytes) = await builder.BuildAsync(reader, scratch, context.Layout.Absolute(file.Path), context.Layout.Absolute(path), table, cancellationToken)
                    .ConfigureAwait(false);
                added.Add(new IndexSegmentRecord(file.Path, IndexSpecs.VectorKind, table, path, spec, rows, bytes, build));
            }

            if (vector.Model is not null)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{builder.Embedded} rows embedded with {vector.Model}, {builder.Reused} reused"));
            }
        }

        return null;
    }

    private static Dictionary<string, string> Wanted(IndexesManifest indexes)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        if (indexes.FullText.Count > 0)
        {
            wanted[IndexSpecs.FullTextKind] = IndexSpecs.FullText(indexes);
        }

        if (indexes.Vector is { } vector)
        {
            wanted[IndexSpecs.VectorKind] = IndexSpecs.Vector(vector);
        }

        return wanted;
    }

    private void CheckColumns(TableRecord record, IndexesManifest indexes)
    {
        var named = indexes.FullText.Concat(indexes.Vector is { } v ? [v.Column] : []);
        foreach (var column in named)
        {
            if (!record.Columns.Any(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase)))
            {
                var columns = string.Join(", ", record.Columns.Where(c => !ProvenanceColumns.Contains(c.Name)).Select(c => c.Name));
                throw new StepFailedException(StepErrors.Permanent,
                    $"[pipelines.{pipeline.Name}.indexes] names column '{column}', which table '{table}' does not have (its columns: {columns}); fix the column name in the manifest.");
            }
        }
    }

    private static string Summary(Dictionary<string, string> wanted, List<IndexSegmentRecord> added, List<IndexSegmentRecord> removed, List<IndexSegmentRecord> kept, List<string> notes)
    {
        if (wanted.Count == 0 && removed.Count == 0)
        {
            return "no indexes declared";
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"indexes: {added.Count(a => a.Kind == IndexSpecs.FullTextKind)} full-text and {added.Count(a => a.Kind == IndexSpecs.VectorKind)} vector segments built, {kept.Count} kept, {removed.Count} dropped");
        return notes.Count == 0 ? text : text + "; " + string.Join("; ", notes);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next run's sweep: an unreferenced directory is never read.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
