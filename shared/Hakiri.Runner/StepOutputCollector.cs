using System.Text.Json;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;

namespace Hakiri.Runner;

/// <summary>
/// Watches step outputs as the state machine runs them (possibly several tables at once) to report progress and
/// build the run summary; the state machine itself only carries names and counts. <paramref name="readsFiles"/> tells
/// a pipeline whose work units are files (file, s3) from a connector's, whose one unit is the table to pull.
/// </summary>
internal sealed class StepOutputCollector(Action<RunEvent>? observe, Func<string, bool> readsFiles)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Files, long Skipped, Model.Steps.WriteOutput? Written, string Index)> _tables = new(StringComparer.Ordinal);

    public void Started(string step, string? table) => observe?.Invoke(new RunEvent(step, table, false, string.Empty, 0, TimeSpan.Zero));

    /// <summary>Records a step's output; returns the rows it handled.</summary>
    public long Finished(string step, string? table, string json, TimeSpan elapsed)
    {
        long rows = 0;
        string detail;
        lock (_gate)
        {
            var entry = table is null ? default : _tables.GetValueOrDefault(table, (0, 0, null, string.Empty));
            switch (step)
            {
                case StepNames.Discover:
                    var discovered = JsonSerializer.Deserialize(json, StepContractsJson.Default.DiscoverOutput)!;
                    detail = DiscoverDetail(discovered);
                    break;
                case StepNames.PullBatch:
                    var batch = JsonSerializer.Deserialize(json, StepContractsJson.Default.PullBatchOutput)!;
                    rows = batch.Rows;
                    entry = (entry.Files + (batch.Batch is null ? 0 : 1), entry.Skipped + batch.SkippedRows, entry.Written, entry.Index);
                    detail = batch.SkippedRows > 0 ? $"{batch.Rows} rows, {batch.SkippedRows} malformed skipped" : $"{batch.Rows} rows";
                    break;
                case StepNames.Write:
                    var written = JsonSerializer.Deserialize(json, StepContractsJson.Default.WriteOutput)!;
                    rows = written.RowsAdded;
                    entry = (entry.Files, entry.Skipped, written, entry.Index);
                    detail = $"{written.RowsAdded} rows added, {written.RowsReplaced} replaced, {written.RowCount} in table";
                    break;
                case StepNames.Compact:
                    var compacted = JsonSerializer.Deserialize(json, StepContractsJson.Default.CompactOutput)!;
                    detail = compacted.FilesBefore == compacted.FilesAfter ? $"{compacted.FilesAfter} file(s), nothing to compact" : $"{compacted.FilesBefore} → {compacted.FilesAfter} files";
                    break;
                default:
                    var indexed = JsonSerializer.Deserialize(json, StepContractsJson.Default.IndexOutput)!;
                    entry = (entry.Files, entry.Skipped, entry.Written, indexed.Message);
                    detail = indexed.Message;
                    break;
            }

            if (table is not null)
            {
                _tables[table] = entry;
            }
        }

        observe?.Invoke(new RunEvent(step, table, true, detail, rows, elapsed));
        return rows;
    }

    /// <summary>The per-table summary, in manifest order.</summary>
    public IReadOnlyList<TableSummary> Tables(ProjectManifest manifest)
    {
        lock (_gate)
        {
            return manifest.Pipelines
                .Where(p => _tables.ContainsKey(p.Table))
                .Select(p =>
                {
                    var (files, skipped, written, index) = _tables[p.Table];
                    return new TableSummary(p.Name, p.Table, files, written?.RowsAdded ?? 0, written?.RowsReplaced ?? 0, skipped,
                        written?.FilesAdded ?? 0, written?.BytesAdded ?? 0, written?.RowCount ?? 0, index);
                })
                .ToArray();
        }
    }

    // "3 new or changed source file(s)", "1 connector source(s) to pull", or both for a mixed run.
    private string DiscoverDetail(DiscoverOutput discovered)
    {
        var files = discovered.Tables.Where(t => readsFiles(t.Pipeline)).ToArray();
        var connectors = discovered.Tables.Count - files.Length;
        var fileText = $"{files.Sum(t => t.Pending)} new or changed source file(s)";
        var connectorText = $"{connectors} connector source(s) to pull";
        return connectors == 0 ? fileText : files.Length == 0 ? connectorText : $"{fileText}, {connectorText}";
    }
}
