namespace Hakiri.Store;

/// <summary>The columns every stored row carries so an agent can cite it.</summary>
public static class ProvenanceColumns
{
    /// <summary>The run that wrote the row.</summary>
    public const string RunId = "_hakiri_run_id";

    /// <summary>Where the row came from: the source file (relative to the manifest) or record locator.</summary>
    public const string Source = "_hakiri_source";

    /// <summary>The row's 1-based record number within its source file (for CSV, the data row after the header).</summary>
    public const string Record = "_hakiri_record";

    /// <summary>When the row was ingested (UTC).</summary>
    public const string IngestedAt = "_hakiri_ingested_at";

    /// <summary>All provenance columns, in stored order.</summary>
    public static IReadOnlyList<string> All { get; } = [RunId, Source, Record, IngestedAt];

    /// <summary>Whether a column is a provenance column.</summary>
    public static bool Contains(string column) => column.StartsWith("_hakiri_", StringComparison.Ordinal);
}
