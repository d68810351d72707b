using System.Globalization;

namespace Hakiri.Steps.Sources;

/// <summary>Quoting for SQL text built from paths and names (values never come from untrusted SQL).</summary>
internal static class Sql
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string List(IEnumerable<string> paths) => "[" + string.Join(", ", paths.Select(Literal)) + "]";

    public static string Timestamp(DateTimeOffset value) =>
        "TIMESTAMPTZ " + Literal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture));

    /// <summary>
    /// The COPY options of every Parquet file the steps write: zstd, row groups of 32,768 rows — DuckDB's writer holds a
    /// row group in memory until it is full (122,880 rows by default), so smaller groups keep a step's memory flat
    /// whatever the file's size, and still give readers large enough groups to scan — and Parquet's version 2 data pages
    /// and encodings (delta integers, delta-length strings), cheaper to write and smaller than plain pages (ADR 0031).
    /// </summary>
    public const string ParquetOptions = "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + RowGroupRows + ", PARQUET_VERSION V2)";

    /// <summary>The rows of one row group in the files the steps write (<see cref="ParquetOptions"/>), as SQL text.</summary>
    public const string RowGroupRows = "32768";
}
