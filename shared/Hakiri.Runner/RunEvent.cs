namespace Hakiri.Runner;

/// <summary>Something a run did, for progress displays and logs.</summary>
/// <param name="Step">discover, pull-batch, write, compact or index.</param>
/// <param name="Table">The table, or <see langword="null"/> for discover.</param>
/// <param name="Finished">False when the step starts, true when it ends.</param>
/// <param name="Detail">A short human description of the outcome.</param>
/// <param name="Rows">Rows the step handled.</param>
/// <param name="Elapsed">How long the step took (zero when starting).</param>
public sealed record RunEvent(string Step, string? Table, bool Finished, string Detail, long Rows, TimeSpan Elapsed);

/// <summary>One table's outcome in a run.</summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Table">The table.</param>
/// <param name="FilesRead">Source units pulled.</param>
/// <param name="RowsAdded">Rows that became live.</param>
/// <param name="RowsReplaced">Rows replaced by newer versions.</param>
/// <param name="RowsSkipped">Malformed rows skipped under on_error = "skip".</param>
/// <param name="FilesWritten">Data files added.</param>
/// <param name="BytesWritten">Bytes of the added files.</param>
/// <param name="RowCount">The table's rows after the run.</param>
/// <param name="IndexMessage">What the index step reported.</param>
public sealed record TableSummary(
    string Pipeline, string Table, int FilesRead, long RowsAdded, long RowsReplaced, long RowsSkipped, int FilesWritten, long BytesWritten, long RowCount, string IndexMessage);

/// <summary>What a run did.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Tables">Per table, in pipeline order.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="InterruptedRunsRecovered">Earlier runs found interrupted and recovered before this one.</param>
public sealed record RunSummary(string RunId, IReadOnlyList<TableSummary> Tables, TimeSpan Elapsed, IReadOnlyList<string> InterruptedRunsRecovered);
