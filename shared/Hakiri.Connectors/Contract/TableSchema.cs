namespace Hakiri.Connectors.Contract;

/// <summary>A table a source produces (WIT <c>table-schema</c>).</summary>
/// <param name="Name">The table's name within the source.</param>
/// <param name="Description">What the table holds, if the source says.</param>
/// <param name="Columns">Its columns; may be empty when the schema is inferred from the records as they arrive.</param>
/// <param name="PrimaryKey">Columns that identify a row; empty for append-only tables.</param>
public sealed record TableSchema(string Name, string? Description, IReadOnlyList<ColumnDefinition> Columns, IReadOnlyList<string> PrimaryKey);

/// <summary>A column (WIT <c>column</c>).</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Nullable">Whether it may be null.</param>
/// <param name="Description">What it holds, if known.</param>
public sealed record ColumnDefinition(string Name, ColumnType Type, bool Nullable = true, string? Description = null);

/// <summary>The kinds of WIT <c>column-type</c>.</summary>
public enum ColumnKind
{
    /// <summary>true/false.</summary>
    Boolean,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>64-bit float.</summary>
    Float64,

    /// <summary>Decimal with precision and scale.</summary>
    Decimal,

    /// <summary>UTF-8 text.</summary>
    Utf8,

    /// <summary>Bytes.</summary>
    Binary,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>Microseconds since the Unix epoch, UTC.</summary>
    Timestamp,

    /// <summary>JSON text (objects, arrays, values of mixed type); landed as DuckDB's JSON type.</summary>
    Json,

    /// <summary>A list of strings.</summary>
    List,
}

/// <summary>A column type (WIT <c>column-type</c>).</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="Scale">Decimal scale.</param>
public sealed record ColumnType(ColumnKind Kind, byte Precision = 0, byte Scale = 0)
{
    /// <summary>Boolean.</summary>
    public static ColumnType Boolean { get; } = new(ColumnKind.Boolean);

    /// <summary>Int64.</summary>
    public static ColumnType Int64 { get; } = new(ColumnKind.Int64);

    /// <summary>Float64.</summary>
    public static ColumnType Float64 { get; } = new(ColumnKind.Float64);

    /// <summary>UTF-8 text.</summary>
    public static ColumnType Utf8 { get; } = new(ColumnKind.Utf8);

    /// <summary>Bytes.</summary>
    public static ColumnType Binary { get; } = new(ColumnKind.Binary);

    /// <summary>Date.</summary>
    public static ColumnType Date { get; } = new(ColumnKind.Date);

    /// <summary>Timestamp (UTC, microseconds).</summary>
    public static ColumnType Timestamp { get; } = new(ColumnKind.Timestamp);

    /// <summary>JSON text.</summary>
    public static ColumnType Json { get; } = new(ColumnKind.Json);

    /// <summary>List of strings.</summary>
    public static ColumnType List { get; } = new(ColumnKind.List);

    /// <summary>A decimal.</summary>
    public static ColumnType Decimal(byte precision, byte scale) => new(ColumnKind.Decimal, precision, scale);
}
