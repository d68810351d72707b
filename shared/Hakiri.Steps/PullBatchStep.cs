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
        var bytes = new FileInfo(target).Length;
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
            if (source.Format is FileFormat.Ndjson or FileFormat.Json)
            {
                // DuckDB hands freed memory back to the OS (purges its allocator) when a worker thread idles or after a
                // single free larger than this. With one thread the query runs on the calling thread, which is no
                // worker, so at the default (512 MB) a 10 M-row NDJSON file peaked at 200-400 MB RSS while DuckDB's own
                // accounting stayed under 90 MB. 8 MB and up did not help. Not for CSV: its 4 MB read buffers would
                // trigger a purge each, slowing it by a third, and it stays low without.
                connection.Execute("SET allocator_bulk_deallocation_flush_threshold = '2MB'");
            }

            var select = $"""
                SELECT src.* EXCLUDE ({FileReaders.RecordColumn}),
                    {Sql.Literal(runId)} AS {ProvenanceColumns.RunId},
                    {Sql.Literal(locator)} AS {ProvenanceColumns.Source},
                    src.{FileReaders.RecordColumn} AS {ProvenanceColumns.Record},
                    {Sql.Timestamp(context.Clock.GetUtcNow())} AS {ProvenanceColumns.IngestedAt}
                FROM {FileReaders.WithRecordNumbers(source, readPath)} AS src
                """;
            var rows = connection.Execute(
                $"COPY ({Redacted(pipeline, salt, connection, select)}) TO {Sql.Literal(temporary)} {RedactionMarker.CopyOptions(RedactionSql.Record(pipeline.Redaction, salt))}");
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
            if (source.Format is FileFormat.Ndjson or FileFormat.Json)
            {
                // An instance-wide setting: a database reused by the next step (StepContext.ReuseDuckDb) gets the default
                // back. Best effort: it must not hide the error that brought us here.
                try
                {
                    connection.Execute("RESET allocator_bulk_deallocation_flush_threshold");
                }
                catch (DuckDbException)
                {
                }
            }

            File.Delete(temporary);
            if (readPath != readFrom)
            {
                File.Delete(readPath);
            }
        }
    }
}
