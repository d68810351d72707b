using Apache.Arrow;

namespace Hakiri.Connectors.Contract;

/// <summary>One batch of records: an Arrow record batch whose columns follow the table's schema.</summary>
/// <param name="Records">The records. Columns of type <see cref="ColumnKind.Json"/> hold JSON text.</param>
/// <param name="Locator">
/// Where the records came from, for citations: a URL without secrets, a file, a query. Each row's provenance is this
/// locator and the row's 1-based position in the batch.
/// </param>
/// <param name="Schema">The table schema the batch follows (column types, including which string columns are JSON).</param>
public sealed record SourceBatch(RecordBatch Records, string Locator, TableSchema Schema);

/// <summary>Arrow field metadata a connector may set on a batch's fields, and how the host lands it.</summary>
public static class SourceFieldMetadata
{
    /// <summary>
    /// DuckDB types (<c>|</c>-separated) the column is cast to, in order, when it lands: e.g. <c>UUID</c> for a uuid
    /// sent as text, <c>JSON|INTEGER[]</c> for a list sent as JSON text, <c>DECIMAL(38,10)</c> for a wide decimal.
    /// </summary>
    public const string DuckDbCast = "hakiri.duckdb_cast";
}
