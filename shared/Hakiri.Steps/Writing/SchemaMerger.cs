using Hakiri.DuckDb;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Sources;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Writing;

/// <summary>
/// Evolves a table's schema to take a new batch: a new column is added (nullable), a type widens, and text that
/// parses as the table's type is accepted; anything else is a clear error naming the file, row and column.
/// </summary>
internal static class SchemaMerger
{
    /// <summary>The provenance columns' types, always last in a stored file.</summary>
    public static IReadOnlyList<ColumnSchema> Provenance { get; } =
    [
        new(ProvenanceColumns.RunId, "VARCHAR"),
        new(ProvenanceColumns.Source, "VARCHAR"),
        new(ProvenanceColumns.Record, "BIGINT"),
        new(ProvenanceColumns.IngestedAt, "TIMESTAMP WITH TIME ZONE"),
    ];

    /// <summary>The merged user columns followed by the provenance columns.</summary>
    /// <param name="existing">The table's columns, or empty for a new table.</param>
    /// <param name="incoming">The batch's columns.</param>
    /// <param name="connection">DuckDB, to test text values against a typed column.</param>
    /// <param name="staged">A relation over the staged batch (with <c>file_row_number</c>).</param>
    /// <param name="table">The table's name, for messages.</param>
    public static List<ColumnSchema> Merge(
        IReadOnlyList<ColumnSchema> existing, IReadOnlyList<ColumnSchema> incoming, DuckDbConnection connection, string staged, string table)
    {
        var merged = existing.Where(c => !ProvenanceColumns.Contains(c.Name)).ToList();
        foreach (var column in incoming.Where(c => !ProvenanceColumns.Contains(c.Name)))
        {
            var at = merged.FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                merged.Add(column);
                continue;
            }

            var current = merged[at];
            if (TypeWidening.Widen(current.Type, column.Type) is { } widened)
            {
                merged[at] = current with { Type = widened };
            }
            else if (column.Type != "VARCHAR" || FirstIncompatible(connection, staged, current) is not null)
            {
                throw Incompatible(connection, staged, table, current, column);
            }
        }

        merged.AddRange(Provenance);
        return merged;
    }

    private static StepFailedException Incompatible(DuckDbConnection connection, string staged, string table, ColumnSchema current, ColumnSchema incoming)
    {
        var example = FirstIncompatible(connection, staged, current);
        var where = example is { } e ? $"{e.Source} row {e.Row}, column '{current.Name}': value '{e.Value}'" : $"column '{current.Name}'";
        return new StepFailedException(StepErrors.SchemaIncompatible,
            $"{where} is {incoming.Type}, which cannot be stored in table '{table}' where '{current.Name}' is {current.Type} — " +
            "fix the source data, or land it in a new table (set table = \"…\" in the pipeline)");
    }

    private static (string Source, long Row, string Value)? FirstIncompatible(DuckDbConnection connection, string staged, ColumnSchema column)
    {
        var name = Sql.Identifier(column.Name);
        using var reader = connection.Query($"""
            SELECT {ProvenanceColumns.Source}, {ProvenanceColumns.Record}, CAST({name} AS VARCHAR)
            FROM {staged}
            WHERE {name} IS NOT NULL AND TRY_CAST({name} AS {column.Type}) IS NULL
            ORDER BY filename, file_row_number
            LIMIT 1
            """);
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }
}
