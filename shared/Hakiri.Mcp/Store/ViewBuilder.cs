using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Store;

/// <summary>Defines one DuckDB view per catalog table over its live files.</summary>
internal static class ViewBuilder
{
    public static StoreSnapshot Apply(
        DuckDbConnection admin, StoreLayout layout, CatalogDatabase? catalog, StoreSnapshot previous, IReadOnlyList<TableRecord> tables, string fingerprint)
    {
        foreach (var gone in previous.Tables.Where(old => tables.All(t => !string.Equals(t.Name, old.Name, StringComparison.OrdinalIgnoreCase))))
        {
            admin.Execute($"DROP VIEW IF EXISTS {Sql.Identifier(gone.Name)}");
        }

        foreach (var table in tables)
        {
            var files = catalog!.ListFiles(table.Name);
            admin.Execute($"CREATE OR REPLACE VIEW {Sql.Identifier(table.Name)} AS {Definition(layout, table, files)}");
        }

        return new StoreSnapshot(tables, fingerprint);
    }

    // A table with no live files is still queryable, empty, with its columns typed: a view, never a table, so nothing
    // in this database can be written to.
    private static string Definition(StoreLayout layout, TableRecord table, IReadOnlyList<FileRecord> files)
    {
        if (files.Count > 0)
        {
            var paths = string.Join(", ", files.Select(f => Sql.Literal(layout.Absolute(f.Path))));
            return $"SELECT * FROM read_parquet([{paths}], union_by_name = true)";
        }

        var columns = table.Columns.Count == 0
            ? "NULL AS _empty"
            : string.Join(", ", table.Columns.Select(c => $"CAST(NULL AS {c.Type}) AS {Sql.Identifier(c.Name)}"));
        return $"SELECT {columns} WHERE false";
    }
}
