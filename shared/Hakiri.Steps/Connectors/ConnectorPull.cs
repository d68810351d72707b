using System.Globalization;
using Hakiri.Connectors;
using Hakiri.Connectors.Cassettes;
using Hakiri.Connectors.Contract;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Planning;
using Hakiri.Steps.Redaction;
using Hakiri.Steps.Sources;
using Hakiri.Store;

namespace Hakiri.Steps.Connectors;

/// <summary>
/// pull-batch for a connector source: opens the connector at the run's cursor (the committed one for the first batch,
/// the previous batch's afterwards), streams its batches into DuckDB through the Arrow C stream interface and stages
/// them as Parquet with provenance, then stages the cursor after them. Names are deterministic per batch index, so a
/// retried pull overwrites its own files; nothing reaches the catalog until write commits rows and cursor together.
/// The pipeline's redaction applies as a batch lands, so no staged file (in the bucket too, for an object store) holds
/// a redacted value; each batch is marked with the redaction it was written under (<see cref="RedactionMarker"/>).
/// </summary>
internal static class ConnectorPull
{
    public static string PartName(int index, int part) => $"{PullBatchStep.BatchStem(index)}-{part:D3}.parquet";

    public static string CursorName(int index) => PullBatchStep.BatchStem(index) + ".cursor";

    public const string PartPattern = "batch-*-*.parquet";

    public static Task<PullBatchOutput> RunAsync(
        StepContext context, PipelineManifest pipeline, ConnectorPlan plan, PullBatchInput input, string staging, CancellationToken cancellationToken)
    {
        var index = input.Cursor is null ? 0 : int.Parse(input.Cursor, NumberStyles.None, CultureInfo.InvariantCulture);
        return LimitStrikes.GuardAsync(Path.Combine(staging, PullBatchStep.BatchStem(index) + ".limit"),
            () => PullAsync(context, pipeline, plan, input, staging, index, cancellationToken));
    }

    private static async Task<PullBatchOutput> PullAsync(
        StepContext context, PipelineManifest pipeline, ConnectorPlan plan, PullBatchInput input, string staging, int index, CancellationToken cancellationToken)
    {
        var resume = index == 0 ? plan.StartCursor : ReadCursor(staging, index - 1);
        // Before the connector opens: hash mode without a salt fails having read nothing.
        var salt = RedactionGate.Salt(context, pipeline);
        var redaction = new Redacting(pipeline.Redaction, salt, RedactionSql.Record(pipeline.Redaction, salt));
        foreach (var stale in Directory.GetFiles(staging, PullBatchStep.BatchStem(index) + "-*.parquet"))
        {
            File.Delete(stale);
        }

        var connector = Create(context, pipeline);
        await using var owned = connector as IAsyncDisposable;
        var sourceTable = plan.SourceTable ?? pipeline.Table;
        if (index == 0 && CursorText.Decode(plan.StartCursor) is { } committed)
        {
            // Only the committed cursor is acknowledged, never a staged one: a crash before write must find the
            // source still holding what this run reads (a replication slot keeps changes until confirmed).
            await Guard(pipeline, async () =>
            {
                await connector.AcknowledgeAsync(sourceTable, committed, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }

        var budget = new BatchBudget(context.Options.ConnectorBatchRows, context.Options.ConnectorBatchTime, context.Clock);
        await using var reader = await Guard(pipeline, () => connector.OpenAsync(sourceTable, CursorText.Decode(resume), cancellationToken)).ConfigureAwait(false);
        var next = await Guard(pipeline, () => reader.NextAsync(cancellationToken)).ConfigureAwait(false);
        long rows = 0;
        long bytes = 0;
        string? first = null;
        using (var database = context.OpenDuckDb())
        using (var connection = database.Connect())
        {
            for (var part = 0; next is not null; part++)
            {
                using var stream = new PageStream(next, reader, budget, pipeline.Redaction.Mode == RedactionMode.Drop ? pipeline.Redaction.Columns : []);
                var target = Path.Combine(staging, PartName(index, part));
                Land(context, connection, stream, input.RunId, target, pipeline, redaction);
                rows += stream.Rows;
                bytes += new FileInfo(target).Length;
                first ??= Path.GetFileName(target);
                next = stream.Held;
            }
        }

        WriteCursor(staging, index, CursorText.Encode(reader.Cursor.Span));
        var following = (index + 1).ToString(CultureInfo.InvariantCulture);
        // The reader, not the stream, says whether the read is over: a read that stopped at its budget right after the
        // last page is over, and resuming it would start the next run's read.
        return new PullBatchOutput(input.RunId, input.Pipeline, input.Table, first, rows, bytes, 0, following, reader.HasMore);
    }

    /// <summary>The cursor staged after batch <paramref name="index"/>.</summary>
    public static string? ReadCursor(string staging, int index)
    {
        var path = Path.Combine(staging, CursorName(index));
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new StepFailedException(StepErrors.Permanent,
                $"No staged cursor at {path}: pull-batch {index} of this run did not finish or its staging area was removed; re-run the pipeline.");
    }

    /// <summary>The cursor of the run's last staged batch: what write commits.</summary>
    public static string? LastCursor(string staging) =>
        Directory.EnumerateFiles(staging, "batch-*.cursor").Order(StringComparer.Ordinal).LastOrDefault() is { } path ? File.ReadAllText(path) : null;

    public static ISourceConnector Create(StepContext context, PipelineManifest pipeline)
    {
        ISourceConnector? connector;
        try
        {
            connector = SourceConnectors.Create(pipeline, context.ConnectorServices(pipeline));
        }
        catch (ConnectorException e)
        {
            // A connector that cannot load (a WebAssembly module that is no connector, a host without the runtime)
            // fails under the state machine's names, as its calls do, not under the exception's type name.
            throw new StepFailedException(e.ErrorName, e.Message, e);
        }

        return connector ?? throw new StepFailedException(StepErrors.Permanent, $"Connector '{pipeline.Source.Connector}' of pipeline '{pipeline.Name}' is not available in this version.");
    }

    private static void WriteCursor(string staging, int index, string cursor)
    {
        var path = Path.Combine(staging, CursorName(index));
        File.WriteAllText(path + ".tmp", cursor);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static void Land(StepContext context, DuckDbConnection connection, PageStream stream, string runId, string target, PipelineManifest pipeline, Redacting redaction)
    {
        var casts = LandingCasts(stream);
        var replace = casts.Length == 0 ? string.Empty : $" REPLACE ({string.Join(", ", casts)})";
        var temporary = target + ".tmp";
        using var view = connection.RegisterArrowStream("hakiri_pages", stream);
        try
        {
            // Describing the relation binds the view, which asks the stream for its schema only: no page is read.
            var landed = $"""
                (SELECT * EXCLUDE ({ProvenanceColumns.Source}, {ProvenanceColumns.Record}){replace},
                    {Sql.Literal(runId)} AS {ProvenanceColumns.RunId},
                    {ProvenanceColumns.Source},
                    {ProvenanceColumns.Record},
                    {Sql.Timestamp(context.Clock.GetUtcNow())} AS {ProvenanceColumns.IngestedAt}
                FROM {view.Name})
                """;
            var relation = redaction.Manifest.Any ? RedactionSql.Apply(landed, redaction.Manifest, redaction.Salt, connection) : landed;
            connection.Execute($"COPY (SELECT * FROM {relation}) TO {Sql.Literal(temporary)} {RedactionMarker.CopyOptions(redaction.Record)}");
            File.Move(temporary, target, overwrite: true);
        }
        catch (DuckDbException e) when (view.StreamError is { } cause)
        {
            // The connector failed while DuckDB pulled its pages: its error, not DuckDB's, says what happened.
            throw Translate(pipeline, cause) ?? new StepFailedException(StepErrors.Transient, $"pipeline '{pipeline.Name}': {cause.Message}", e);
        }
        catch (DuckDbException e)
        {
            throw new StepFailedException(StepErrors.Permanent,
                $"pipeline '{pipeline.Name}': landing a batch of table '{pipeline.Table}' in {Path.GetFileName(target)} failed: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // JSON columns land as DuckDB JSON; a field whose Arrow metadata names DuckDB casts (a uuid sent as text, a list
    // sent as JSON text) lands through them, in order.
    private static string[] LandingCasts(PageStream stream)
    {
        var json = stream.Columns.Columns.Where(c => c.Type.Kind == ColumnKind.Json).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return stream.Schema.FieldsList.Select(f =>
        {
            var types = f.HasMetadata && f.Metadata.TryGetValue(SourceFieldMetadata.DuckDbCast, out var hint) ? hint.Split('|') : json.Contains(f.Name) ? ["JSON"] : [];
            return types.Length == 0 ? null
                : types.Aggregate(Sql.Identifier(f.Name), (expression, type) => $"CAST({expression} AS {type})") + " AS " + Sql.Identifier(f.Name);
        }).OfType<string>().ToArray();
    }

    /// <summary>Runs a connector call, turning its failures into the step's error names.</summary>
    public static async Task<T> Guard<T>(PipelineManifest pipeline, Func<ValueTask<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(pipeline, e) is { } failure)
        {
            throw failure;
        }
    }

    private static StepFailedException? Translate(PipelineManifest pipeline, Exception e) => e switch
    {
        ConnectorException c => new StepFailedException(c.ErrorName, c.Message, c),
        CassetteMissException m => new StepFailedException(StepErrors.Permanent, m.Message, m),
        HttpRequestException or TimeoutException or IOException => new StepFailedException(StepErrors.Transient, $"pipeline '{pipeline.Name}': {e.Message}", e),
        _ => null,
    };

    /// <summary>The pipeline's redaction, its salt (hash mode) and its catalog record, resolved once per pull.</summary>
    private sealed record Redacting(RedactionManifest Manifest, string? Salt, Store.Catalog.TableRedactionRecord Record);
}
