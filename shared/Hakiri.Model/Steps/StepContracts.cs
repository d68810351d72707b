using System.Text.Json.Serialization;

namespace Hakiri.Model.Steps;

// Step inputs and outputs travel through state machines (Step Functions caps payloads at 256 KiB), so they carry
// names and counts only; data moves through the store. Property names are pinned so a rename never breaks a run in
// flight.

/// <summary>Input of the <c>discover</c> step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipelines">The pipelines to run; empty for all of the manifest's.</param>
public sealed record DiscoverInput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipelines")] IReadOnlyList<string> Pipelines);

/// <summary>Output of the <c>discover</c> step: the tables to pull.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Tables">One entry per pipeline to run.</param>
public sealed record DiscoverOutput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("tables")] IReadOnlyList<TableWork> Tables);

/// <summary>One table's work in a run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
/// <param name="Pending">How many units (e.g. source files) discover found to pull.</param>
public sealed record TableWork(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("pending")] int Pending);

/// <summary>Input of the <c>pull-batch</c> step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
/// <param name="Cursor">Where to resume within the run; <see langword="null"/> for the first batch.</param>
public sealed record PullBatchInput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("cursor")] string? Cursor);

/// <summary>Output of the <c>pull-batch</c> step: one batch staged in the store.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
/// <param name="Batch">The staged batch's name, or <see langword="null"/> when there was nothing to pull.</param>
/// <param name="Rows">Rows staged.</param>
/// <param name="Bytes">Bytes staged.</param>
/// <param name="SkippedRows">Malformed rows skipped under <c>on_error = "skip"</c>.</param>
/// <param name="NextCursor">The cursor for the next batch.</param>
/// <param name="HasMore">Whether another pull-batch is needed.</param>
public sealed record PullBatchOutput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("batch")] string? Batch,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("skipped_rows")] long SkippedRows,
    [property: JsonPropertyName("next_cursor")] string? NextCursor,
    [property: JsonPropertyName("has_more")] bool HasMore);

/// <summary>Input of the <c>write</c>, <c>compact</c> and <c>index</c> steps: one table of one run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
public sealed record TableStepInput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table);

/// <summary>Output of the <c>write</c> step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
/// <param name="RowsAdded">Rows that became live.</param>
/// <param name="RowsReplaced">Live rows replaced by newer versions (same primary key or re-read source file).</param>
/// <param name="FilesAdded">Data files that became live.</param>
/// <param name="FilesRemoved">Data files that stopped being live.</param>
/// <param name="BytesAdded">Bytes of the added files.</param>
/// <param name="RowCount">The table's rows after the write.</param>
public sealed record WriteOutput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("rows_added")] long RowsAdded,
    [property: JsonPropertyName("rows_replaced")] long RowsReplaced,
    [property: JsonPropertyName("files_added")] int FilesAdded,
    [property: JsonPropertyName("files_removed")] int FilesRemoved,
    [property: JsonPropertyName("bytes_added")] long BytesAdded,
    [property: JsonPropertyName("row_count")] long RowCount);

/// <summary>Output of the <c>compact</c> step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
/// <param name="FilesBefore">Live files before.</param>
/// <param name="FilesAfter">Live files after.</param>
public sealed record CompactOutput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("files_before")] int FilesBefore,
    [property: JsonPropertyName("files_after")] int FilesAfter);

/// <summary>Output of the <c>index</c> step.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The store table.</param>
/// <param name="Message">What the step did.</param>
public sealed record IndexOutput(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("pipeline")] string Pipeline,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("message")] string Message);
