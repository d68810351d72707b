using System.Text.Json.Serialization;

namespace Hakiri.Store.Catalog;

/// <summary>A column of a store table, with its DuckDB type name.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The DuckDB type, e.g. <c>BIGINT</c>, <c>VARCHAR</c>, <c>TIMESTAMP WITH TIME ZONE</c>.</param>
public sealed record ColumnSchema(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A WebAssembly connector one pipeline of a run loaded: what the run's rows were pulled by.</summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Connector">The connector's name in its <c>connector.toml</c>.</param>
/// <param name="Version">The connector's version.</param>
/// <param name="WasmSha256">The lower-case hex SHA-256 of the component file.</param>
/// <param name="Grants">What the project granted it, in grant syntax (<c>http:HOST</c>, <c>env:NAME</c>, <c>clock</c>).</param>
public sealed record RunConnectorRecord(string Pipeline, string Connector, string Version, string WasmSha256, IReadOnlyList<string> Grants);

/// <summary>One run as the catalog records it.</summary>
public sealed record RunRecord(
    string RunId,
    string Project,
    IReadOnlyList<string> Pipelines,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long RowsWritten,
    long FilesWritten,
    long BytesWritten,
    string? Error,
    string? DefinitionSha256 = null);

/// <summary>A store table as the catalog records it.</summary>
public sealed record TableRecord(
    string Name,
    string Pipeline,
    string Connector,
    string Description,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<ColumnSchema> Columns,
    long RowCount,
    long FileCount,
    long ByteCount,
    string? UpdatedRunId,
    DateTimeOffset? UpdatedAt);

/// <summary>The redaction in force on a table's live files: what the written Parquet leaves out or holds hashed.</summary>
/// <param name="Columns">The redacted top-level columns; empty when none.</param>
/// <param name="Mode"><c>drop</c> or <c>hash</c>.</param>
/// <param name="SaltFingerprint">Hash mode: the first 16 lower-case hex of SHA-256 of the salt; otherwise <see langword="null"/>.</param>
public sealed record TableRedactionRecord(IReadOnlyList<string> Columns, string Mode, string? SaltFingerprint)
{
    /// <summary>Nothing redacted.</summary>
    public static TableRedactionRecord None { get; } = new([], "drop", null);

    /// <summary>The redaction in words: "no redaction", "redact drop (email, phone)", "redact hash (email) with salt fingerprint 0a1b…".</summary>
    public string Describe() =>
        Columns.Count == 0 ? "no redaction"
        : $"redact {Mode} ({string.Join(", ", Columns)})" + (SaltFingerprint is { } salt ? $" with salt fingerprint {salt}" : string.Empty);

    /// <summary>Whether this and <paramref name="other"/> redact the same columns (in any order or case) the same way.</summary>
    public bool SameAs(TableRedactionRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Columns.Count == 0 || other.Columns.Count == 0)
        {
            return Columns.Count == other.Columns.Count;
        }

        return Mode == other.Mode && SaltFingerprint == other.SaltFingerprint
            && new HashSet<string>(Columns, StringComparer.OrdinalIgnoreCase).SetEquals(other.Columns);
    }
}

/// <summary>A live data file of a table.</summary>
/// <param name="Path">Relative to the store root, <c>/</c>-separated.</param>
/// <param name="Table">The table it belongs to.</param>
/// <param name="RunId">The run that wrote it.</param>
/// <param name="RowCount">Rows in the file.</param>
/// <param name="ByteSize">Size of the file.</param>
public sealed record FileRecord(string Path, string Table, string RunId, long RowCount, long ByteSize);

/// <summary>What a source file looked like when its rows were last committed.</summary>
/// <param name="Path">The path as the pipeline's glob matched it, relative to the manifest.</param>
/// <param name="Fingerprint">Size and modification time; a different fingerprint means the file changed.</param>
/// <param name="RowCount">Rows read from it.</param>
public sealed record SourceFileRecord(string Path, string Fingerprint, long RowCount);

/// <summary>Where a data file's rows came from.</summary>
/// <param name="FilePath">The data file.</param>
/// <param name="Source">A source locator: a source file path, an API, or <c>compaction</c>.</param>
public sealed record LineageRecord(string FilePath, string Source);

/// <summary>
/// Everything the write or compact step changes for one table, applied in a single catalog transaction so the
/// catalog never points at a file that is not there, and a cursor never moves ahead of its data.
/// </summary>
public sealed record TableCommit
{
    /// <summary>The run committing.</summary>
    public required string RunId { get; init; }

    /// <summary>The table's identity and schema after the commit (row/file counts are recomputed).</summary>
    public required TableRecord Table { get; init; }

    /// <summary>Files that become live.</summary>
    public IReadOnlyList<FileRecord> AddedFiles { get; init; } = [];

    /// <summary>Files that stop being live (their paths are deleted from disk after the commit).</summary>
    public IReadOnlyList<string> RemovedFiles { get; init; } = [];

    /// <summary>Where the added files' rows came from.</summary>
    public IReadOnlyList<LineageRecord> Lineage { get; init; } = [];

    /// <summary>Source files now fully ingested.</summary>
    public IReadOnlyList<SourceFileRecord> SourceFiles { get; init; } = [];

    /// <summary>The connector's new resume point, or <see langword="null"/> to leave it.</summary>
    public string? Cursor { get; init; }

    /// <summary>Rows written, for the run's totals.</summary>
    public long RowsWritten { get; init; }

    /// <summary>The redaction the table's live files are under after the commit, or <see langword="null"/> to leave the recorded one.</summary>
    public TableRedactionRecord? Redaction { get; init; }
}

[JsonSerializable(typeof(List<ColumnSchema>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;

/// <summary>One sidecar index of one live data file.</summary>
/// <param name="DataPath">The data file it indexes (relative to the store root).</param>
/// <param name="Kind"><c>fts</c> or <c>vector</c>.</param>
/// <param name="Table">The store table.</param>
/// <param name="Path">The sidecar directory, relative to the store root.</param>
/// <param name="Spec">What it was built for, as canonical JSON.</param>
/// <param name="RowCount">Rows indexed.</param>
/// <param name="ByteSize">Bytes on disk.</param>
/// <param name="RunId">The run that built it.</param>
public sealed record IndexSegmentRecord(string DataPath, string Kind, string Table, string Path, string Spec, long RowCount, long ByteSize, string RunId);
