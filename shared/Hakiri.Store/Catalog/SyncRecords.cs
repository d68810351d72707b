namespace Hakiri.Store.Catalog;

/// <summary>
/// Everything the catalog knows about one table that travels with it when a store is synced through a bucket: its
/// identity and schema, live files, their lineage and runs, cursor, ingested source files, redaction, sidecar
/// segments and guide.
/// </summary>
/// <param name="Table">The table row (counts are recomputed when applied).</param>
/// <param name="Files">The live data files.</param>
/// <param name="Lineage">Where the live files' rows came from.</param>
/// <param name="Cursor">The connector's resume point, or <see langword="null"/>.</param>
/// <param name="SourceFiles">The source files already ingested (the file and s3 connectors' cursor).</param>
/// <param name="Redaction">The redaction in force, or <see langword="null"/> when none is recorded.</param>
/// <param name="Indexes">The sidecar segments of the live files.</param>
/// <param name="Guide">The table guide JSON, or <see langword="null"/>.</param>
/// <param name="Runs">The runs the table row, its files and its cursor name.</param>
public sealed record TableSyncState(
    TableRecord Table,
    IReadOnlyList<FileRecord> Files,
    IReadOnlyList<SyncLineageRecord> Lineage,
    SyncCursorRecord? Cursor,
    IReadOnlyList<SyncSourceFileRecord> SourceFiles,
    TableRedactionRecord? Redaction,
    IReadOnlyList<IndexSegmentRecord> Indexes,
    string? Guide,
    IReadOnlyList<RunRecord> Runs);

/// <summary>One lineage row of a live file.</summary>
/// <param name="FilePath">The data file.</param>
/// <param name="RunId">The run that wrote it.</param>
/// <param name="Connector">The connector that read the source.</param>
/// <param name="Source">The source locator.</param>
public sealed record SyncLineageRecord(string FilePath, string RunId, string Connector, string Source);

/// <summary>A table's committed cursor.</summary>
/// <param name="Cursor">The connector's opaque resume point.</param>
/// <param name="RunId">The run that committed it.</param>
public sealed record SyncCursorRecord(string Cursor, string RunId);

/// <summary>An ingested source file, with the run that ingested it.</summary>
/// <param name="Path">The source path or object.</param>
/// <param name="Fingerprint">Its fingerprint when ingested.</param>
/// <param name="RowCount">Rows read from it.</param>
/// <param name="RunId">The run.</param>
public sealed record SyncSourceFileRecord(string Path, string Fingerprint, long RowCount, string RunId);

/// <summary>What this store last exchanged with one remote for one table.</summary>
/// <param name="Table">The table.</param>
/// <param name="RemoteVersion">The table's version counter in the remote snapshot this store last pushed or pulled.</param>
/// <param name="LocalFingerprint">The fingerprint of the local state right after that sync; a different one now means the table changed locally.</param>
/// <param name="SyncedAt">When.</param>
public sealed record SyncedTableRecord(string Table, long RemoteVersion, string LocalFingerprint, DateTimeOffset SyncedAt);
