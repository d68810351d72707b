using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Connectors;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Objects;
using Hakiri.Steps.Planning;
using Hakiri.Steps.Redaction;
using Hakiri.Steps.Sources;
using Hakiri.Store;

namespace Hakiri.Steps;

/// <summary>
/// <c>pull-batch</c>: stages one batch of a table in the store — for the file connector, one source file converted
/// to Parquet with provenance columns; for an object-store source, one object, downloaded then converted alike — and returns the cursor of the next batch. DuckDB streams the conversion, so
/// memory stays bounded whatever the file's size. Batch names are deterministic, so a retried pull overwrites.
/// </summary>
public static class PullBatchStep
{
    /// <summary>The staged batch file name for a cursor position.</summary>
    internal static string BatchName(int index) => BatchStem(index) + ".parquet";

    /// <summary>What every staged file of batch <paramref name="index"/> is named after (its Parquet, parts, cursor).</summary>
    internal static string BatchStem(int index) => $"batch-{index:D6}";

    /// <summary>
    /// A file of range <paramref name="range"/> (from 1) of a batch converted in ranges, beside the batch's own file
    /// <paramref name="target"/> (which holds the first range): its Parquet (<c>batch-000000.r01.parquet</c>) sorts after
    /// the batch file and before the next batch's, as its rows must (the newest row per key wins in that order).
    /// </summary>
    private static string RangeFile(string target, int range, string extension) =>
        Path.Combine(Path.GetDirectoryName(target)!, $"{Path.GetFileNameWithoutExtension(target)}.r{range:D2}.{extension}");

    // Every file of the batch's ranges beside `target`: copies, staged Parquet and their temporary files.
    private static string[] RangeFiles(string target) =>
        Directory.GetFiles(Path.GetDirectoryName(target)!, Path.GetFileNameWithoutExtension(target) + ".r*");

    /// <summary>The staged files of batch <paramref name="index"/> of a file source, in record order: its batch file, then its later ranges.</summary>
    internal static IReadOnlyList<string> BatchFiles(string staging, int index)
    {
        var ranges = Directory.Exists(staging) ? Directory.GetFiles(staging, BatchStem(index) + ".r*.parquet") : [];
        Array.Sort(ranges, StringComparer.Ordinal);
        return [Path.Combine(staging, BatchName(index)), .. ranges];
    }

    /// <summary>
    /// The staging prefixes (relative to the store) a pull-batch reads or overwrites: the plan, its own batch's files, and
    /// the previous batch's staged cursor — never the batches before, so a host that copies the store's staging area in
    /// (an S3 mirror) fetches a constant amount per batch, not everything the run staged so far.
    /// </summary>
    public static IReadOnlyList<string> StagingReads(string runId, string table, string? cursor)
    {
        var staging = StoreLayout.StagingPrefix(runId, table);
        var index = int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        List<string> reads = [$"{staging}/{PlanStore.FileName}", $"{staging}/{BatchStem(index)}"];
        if (index > 0)
        {
            reads.Add($"{staging}/{ConnectorPull.CursorName(index - 1)}");
        }

        return reads;
    }

    /// <summary>Runs the step.</summary>
    public static async Task<PullBatchOutput> RunAsync(StepContext context, PullBatchInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = context.Pipeline(input.Pipeline);
        var staging = context.Layout.Absolute(StoreLayout.StagingPrefix(input.RunId, input.Table));
        var plan = PlanStore.Load(staging);
        if (plan.Connector is { } connector)
        {
            return await ConnectorPull.RunAsync(context, pipeline, connector, input, staging, cancellationToken).ConfigureAwait(false);
        }

        var index = input.Cursor is null ? 0 : int.Parse(input.Cursor, NumberStyles.None, CultureInfo.InvariantCulture);
        if (index >= plan.Files.Count)
        {
            return new PullBatchOutput(input.RunId, input.Pipeline, input.Table, null, 0, 0, 0, input.Cursor, false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var file = plan.Files[index];
        var target = Path.Combine(staging, BatchName(index));
        var (rows, skipped) = pipeline.Source is S3SourceManifest s3
            ? await ObjectPull.StageAsync(context, pipeline, s3, input.RunId, file, target, cancellationToken).ConfigureAwait(false)
            : StageFile(context, pipeline, input.RunId, SourceFormat.Of(pipeline.Source), file, target);
        var bytes = BatchFiles(staging, index).Sum(f => new FileInfo(f).Length);
        var next = (index + 1).ToString(CultureInfo.InvariantCulture);
        return new PullBatchOutput(input.RunId, input.Pipeline, input.Table, BatchName(index), rows, bytes, skipped, next, index + 1 < plan.Files.Count);
    }

    private static (long Rows, long Skipped) StageFile(StepContext context, PipelineManifest pipeline, string runId, SourceFormat source, PlannedFile file, string target)
    {
        if (!File.Exists(file.AbsolutePath))
        {
            throw new StepFailedException(StepErrors.Transient, $"{file.Path}: the file disappeared after discovery; re-run to pick up the current files.");
        }

        return Stage(context, pipeline, runId, source, file.Path, file.AbsolutePath, target);
    }

    private static string Redacted(PipelineManifest pipeline, string? salt, DuckDbConnection connection, string select) =>
        pipeline.Redaction.Any ? $"SELECT * FROM {RedactionSql.Apply($"({select})", pipeline.Redaction, salt, connection)}" : select;

    // store_rejects keeps one row per problem; a line may have several.
    private static long RejectedCsvLines(DuckDbConnection connection)
    {
        using var reader = connection.Query("SELECT count(DISTINCT line) FROM reject_errors");
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    /// <summary>
    /// Converts one local file (a source file, or an object downloaded for this batch) to the staged Parquet batch
    /// <paramref name="target"/>, with provenance naming <paramref name="locator"/> as the rows' source. The pipeline's
    /// redaction applies here, so the staged batch (in the bucket too, for an object store) never holds a redacted value,
    /// and marks the batch with it (<see cref="RedactionMarker"/>).
    /// </summary>
    internal static (long Rows, long Skipped) Stage(
        StepContext context, PipelineManifest pipeline, string runId, SourceFormat source, string locator, string readFrom, string target)
    {
        var salt = RedactionGate.Salt(context, pipeline);
        // A retried pull may have split the file before; whatever it stages now must not be joined by stale ranges.
        foreach (var stale in RangeFiles(target))
        {
            File.Delete(stale);
        }

        // Ranges are how a pull uses more cores with one DuckDB thread each. With more DuckDB threads a file converts in
        // one pass on them: a range read (LIMIT, or offset record numbers) on several threads of DuckDB 1.5's
        // order-preserving COPY crashed it (SIGSEGV hashing a string in the Parquet writer, 10 M flat NDJSON rows, 3 of
        // 5 runs), and was twice as slow as that one pass (40 s against 20 s) anyway.
        if (source is { Format: FileFormat.Ndjson or FileFormat.Csv, OnError: OnErrorPolicy.Fail } && context.Options.PullRanges > 1
            && context.Options.DuckDbThreads == 1
            && StageRanges(context, pipeline, runId, source, locator, readFrom, target, salt) is { } ranged)
        {
            return (ranged, 0);
        }

        var temporary = target + ".tmp";
        var readPath = readFrom;
        long filtered = 0;
        if (source is { Format: FileFormat.Ndjson, OnError: OnErrorPolicy.Skip })
        {
            readPath = target + ".ndjson";
            filtered = NdjsonFilter.CopyValidLines(readFrom, readPath);
        }

        using var database = context.OpenDuckDb();
        using var connection = database.Connect();
        try
        {
            using var flush = AllocatorFlush.Enter(connection, source);
            var rows = Copy(pipeline, runId, locator, context.Clock.GetUtcNow(), salt, connection, FileReaders.WithRecordNumbers(source, readPath), temporary);
            var skipped = source is { Format: FileFormat.Csv, OnError: OnErrorPolicy.Skip } ? RejectedCsvLines(connection) : filtered;
            File.Move(temporary, target, overwrite: true);
            return (rows, skipped);
        }
        catch (DuckDbException e)
        {
            throw SourceErrors.From(locator, source, e, readFrom);
        }
        finally
        {
            File.Delete(temporary);
            if (readPath != readFrom)
            {
                File.Delete(readPath);
            }
        }
    }

    // Converts the rows of `reader` (a source reader with record numbers) with provenance and redaction to `temporary`;
    // every row of a file, in one pass or in ranges, carries the same ingestion time.
    private static long Copy(PipelineManifest pipeline, string runId, string locator, DateTimeOffset ingestedAt, string? salt, DuckDbConnection connection, string reader, string temporary)
    {
        var select = $"""
            SELECT src.* EXCLUDE ({FileReaders.RecordColumn}),
                {Sql.Literal(runId)} AS {ProvenanceColumns.RunId},
                {Sql.Literal(locator)} AS {ProvenanceColumns.Source},
                src.{FileReaders.RecordColumn} AS {ProvenanceColumns.Record},
                {Sql.Timestamp(ingestedAt)} AS {ProvenanceColumns.IngestedAt}
            FROM {reader} AS src
            """;
        return connection.Execute(
            $"COPY ({Redacted(pipeline, salt, connection, select)}) TO {Sql.Literal(temporary)} {RedactionMarker.CopyOptions(RedactionSql.Record(pipeline.Redaction, salt))}");
    }

    /// <summary>
    /// Converts a large NDJSON or CSV file in byte ranges at the same time, each on its own DuckDB database and thread (ADR 0030):
    /// the first range becomes the batch file, the others <see cref="RangeFile"/>s. Returns the rows staged, or null when
    /// the file is too small to split, or when a range fails or holds another number of records than its lines: then the
    /// file is converted in one pass, which names the error and its line as it always did.
    /// </summary>
    private static long? StageRanges(
        StepContext context, PipelineManifest pipeline, string runId, SourceFormat source, string locator, string readFrom, string target, string? salt)
    {
        var csv = source.Format == FileFormat.Csv;
        var ingestedAt = context.Clock.GetUtcNow();
        var conversions = new List<(TextRange Range, string Output, Task<long> Rows)>();
        IReadOnlyList<TextRange>? ranges = null;
        var staged = false;
        try
        {
            // Each range converts as soon as the split pass is past it: the first while the pass copies the second.
            ranges = TextRanges.Split(readFrom, csv, context.Options.PullRanges, context.Options.MinRangeBytes,
                range => RangeFile(target, range, csv ? "csv" : "ndjson"),
                range =>
                {
                    var output = range.Index == 0 ? target : RangeFile(target, range.Index, "parquet");
                    conversions.Add((range, output, Task.Factory.StartNew(() => ConvertRange(context, pipeline, runId, source, locator, ingestedAt, salt, range, output + ".tmp"),
                        CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
                });
            if (ranges is null)
            {
                return null;
            }

            Task.WaitAll(conversions.Select(c => c.Rows));
            if (conversions.Any(c => c.Rows.Result != c.Range.Records))
            {
                return null;
            }

            foreach (var (_, output, _) in conversions)
            {
                File.Move(output + ".tmp", output, overwrite: true);
            }

            staged = true;
            return conversions.Sum(c => c.Rows.Result);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is DuckDbException))
        {
            return null;
        }
        catch (AggregateException e)
        {
            // Not the file's content (a disk that filled up): the step fails with what happened, not with the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions.First(inner => inner is not DuckDbException));
            throw;
        }
        finally
        {
            // A split pass that failed (an I/O error) may leave conversions running: they end before their files go.
            try
            {
                Task.WaitAll(conversions.Select(c => c.Rows));
            }
            catch (AggregateException)
            {
            }

            File.Delete(target + ".tmp");
            foreach (var file in RangeFiles(target))
            {
                // The copies always go; the staged ranges stay only with their first.
                if (!staged || !file.EndsWith(".parquet", StringComparison.Ordinal))
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static long ConvertRange(
        StepContext context, PipelineManifest pipeline, string runId, SourceFormat source, string locator, DateTimeOffset ingestedAt, string? salt, TextRange range, string temporary)
    {
        try
        {
            using var database = context.OpenDuckDb();
            using var connection = database.Connect();
            using var flush = AllocatorFlush.Enter(connection, source);
            return Copy(pipeline, runId, locator, ingestedAt, salt, connection,
                FileReaders.RangeWithRecordNumbers(source, range.ReadPath, range.RecordsBefore, range.Records), temporary);
        }
        finally
        {
            // A copy goes as soon as it is read, while other ranges still convert: removing a copy of gigabytes takes
            // a while (0.2–1.4 s measured), which the last range to finish then no longer waits for.
            if (range.Index > 0)
            {
                File.Delete(range.ReadPath);
            }
        }
    }
}
